import { Task } from './task-queue';
import { TurnScheduler } from './turn-scheduler';

describe('TurnScheduler', () => {
  it('runs a callback scheduled many times in one turn once, after the turn', async () => {
    const scheduler = new TurnScheduler();
    const calls: string[] = [];
    const flush = new Task(() => calls.push('flush'));
    scheduler.schedule(flush);
    scheduler.schedule(flush);
    calls.push('same turn');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['same turn', 'flush']);
  });

  it('runs again in a later turn, and not at all once cancelled', async () => {
    const scheduler = new TurnScheduler();
    let runs = 0;
    const flush = new Task(() => (runs += 1));
    scheduler.schedule(flush);
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.schedule(flush);
    scheduler.cancel(flush);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(1);
  });
});

describe('TurnScheduler slices', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('runs at most a slice of callbacks a turn, in order, letting other work run between slices', async () => {
    const scheduler = new TurnScheduler(2);
    const calls: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) scheduler.schedule(new Task(() => calls.push(name)));
    // Scheduled after the first slice's turn began: it runs between the slices.
    setImmediate(() => setImmediate(() => calls.push('other work')));
    await turn();
    expect(calls).toEqual(['a', 'b']);
    await turn();
    await turn();
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'other work', 'e']);
  });
});
