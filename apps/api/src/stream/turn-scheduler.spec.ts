import { TurnScheduler } from './turn-scheduler';

describe('TurnScheduler', () => {
  it('runs a callback scheduled many times in one turn once, after the turn', async () => {
    const scheduler = new TurnScheduler();
    const calls: string[] = [];
    const flush = () => calls.push('flush');
    scheduler.schedule(flush);
    scheduler.schedule(flush);
    calls.push('same turn');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['same turn', 'flush']);
  });

  it('runs again in a later turn, and not at all once cancelled', async () => {
    const scheduler = new TurnScheduler();
    let runs = 0;
    const flush = () => (runs += 1);
    scheduler.schedule(flush);
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.schedule(flush);
    scheduler.cancel(flush);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(1);
  });
});
