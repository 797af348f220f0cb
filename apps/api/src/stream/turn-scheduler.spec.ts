import { Subject } from 'rxjs';
import { TurnScheduler, inTurns } from './turn-scheduler';

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

describe('TurnScheduler slices', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('runs at most a slice of callbacks a turn, in order, letting other work run between slices', async () => {
    const scheduler = new TurnScheduler(2);
    const calls: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) scheduler.schedule(() => calls.push(name));
    // Scheduled after the first slice's turn began: it runs between the slices.
    setImmediate(() => setImmediate(() => calls.push('other work')));
    await turn();
    expect(calls).toEqual(['a', 'b']);
    await turn();
    await turn();
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'other work', 'e']);
  });
});

describe('inTurns', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('delivers values in a later turn, in order, and the values of one turn together', async () => {
    const source = new Subject<number>();
    const seen: number[] = [];
    source.pipe(inTurns(new TurnScheduler())).subscribe((value) => seen.push(value));
    source.next(1);
    source.next(2);
    expect(seen).toEqual([]);
    await turn();
    expect(seen).toEqual([1, 2]);
  });

  it('delivers what waits before completing, and nothing once unsubscribed', async () => {
    const turns = new TurnScheduler();
    const source = new Subject<number>();
    const seen: string[] = [];
    source.pipe(inTurns(turns)).subscribe({ next: (value) => seen.push(String(value)), complete: () => seen.push('complete') });
    source.next(1);
    source.complete();
    expect(seen).toEqual(['1', 'complete']);

    const other = new Subject<number>();
    const late: number[] = [];
    const subscription = other.pipe(inTurns(turns)).subscribe((value) => late.push(value));
    other.next(1);
    subscription.unsubscribe();
    await turn();
    expect(late).toEqual([]);
    expect(other.observed).toBe(false);
  });
});
