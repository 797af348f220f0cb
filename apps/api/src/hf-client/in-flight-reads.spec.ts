import { InFlightReads } from './in-flight-reads';

/** A read the test settles by hand, recording the signal it was started with. */
function deferredRead() {
  const started: AbortSignal[] = [];
  let settle: { resolve: (value: string) => void; reject: (error: unknown) => void } | undefined;
  const start = (signal: AbortSignal) => {
    started.push(signal);
    return new Promise<string>((resolve, reject) => {
      settle = { resolve, reject };
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  };
  return {
    start,
    started,
    resolve: (value: string) => settle?.resolve(value),
    reject: (error: unknown) => settle?.reject(error),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('InFlightReads', () => {
  it('starts one read for every caller of the same key, and gives each the same answer', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    const answers = Promise.all([reads.run('a', undefined, read.start), reads.run('a', undefined, read.start), reads.run('a', undefined, read.start)]);
    await tick();
    expect(read.started).toHaveLength(1);
    read.resolve('answer');
    await expect(answers).resolves.toEqual(['answer', 'answer', 'answer']);
  });

  it('keeps different keys apart', async () => {
    const reads = new InFlightReads<string>();
    const first = deferredRead();
    const second = deferredRead();
    const answers = Promise.all([reads.run('a', undefined, first.start), reads.run('b', undefined, second.start)]);
    await tick();
    first.resolve('one');
    second.resolve('two');
    await expect(answers).resolves.toEqual(['one', 'two']);
  });

  it('keeps nothing once a read settles: the next caller starts a new one', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    const first = reads.run('a', undefined, read.start);
    await tick();
    read.resolve('old');
    await expect(first).resolves.toBe('old');
    expect(reads.size).toBe(0);
    const second = reads.run('a', undefined, read.start);
    await tick();
    expect(read.started).toHaveLength(2);
    read.resolve('new');
    await expect(second).resolves.toBe('new');
  });

  it('gives every caller the failure, and does not keep it either', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    const callers = [reads.run('a', undefined, read.start), reads.run('a', undefined, read.start)];
    await tick();
    read.reject(new Error('Hub down'));
    for (const caller of callers) await expect(caller).rejects.toThrow('Hub down');
    expect(reads.size).toBe(0);
  });

  it('turns a start that throws into a rejection', async () => {
    const reads = new InFlightReads<string>();
    await expect(
      reads.run('a', undefined, () => {
        throw new Error('bad url');
      }),
    ).rejects.toThrow('bad url');
    expect(reads.size).toBe(0);
  });

  it('lets one caller leave without cutting the read short for the others', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    const leaving = new AbortController();
    const left = reads.run('a', leaving.signal, read.start);
    const staying = reads.run('a', new AbortController().signal, read.start);
    await tick();
    leaving.abort(new Error('tab closed'));
    await expect(left).rejects.toThrow('tab closed');
    expect(read.started[0].aborted).toBe(false);
    read.resolve('answer');
    await expect(staying).resolves.toBe('answer');
  });

  it('aborts the read when the last caller leaves, and starts afresh for the next', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    const callers = [new AbortController(), new AbortController()];
    const pending = callers.map((caller) => reads.run('a', caller.signal, read.start));
    await tick();
    callers[0].abort(new Error('first left'));
    callers[1].abort(new Error('second left'));
    await expect(pending[0]).rejects.toThrow('first left');
    await expect(pending[1]).rejects.toThrow('second left');
    expect(read.started[0].aborted).toBe(true);
    expect(reads.size).toBe(0);

    const next = reads.run('a', undefined, read.start);
    await tick();
    expect(read.started).toHaveLength(2);
    read.resolve('fresh');
    await expect(next).resolves.toBe('fresh');
  });

  it('does not abort a read that a caller without a signal still waits for', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    const caller = new AbortController();
    const leaving = reads.run('a', caller.signal, read.start);
    const waiting = reads.run('a', undefined, read.start);
    await tick();
    caller.abort(new Error('left'));
    await expect(leaving).rejects.toThrow('left');
    expect(read.started[0].aborted).toBe(false);
    read.resolve('answer');
    await expect(waiting).resolves.toBe('answer');
  });

  it('refuses a caller whose signal is already aborted, without starting anything', async () => {
    const reads = new InFlightReads<string>();
    const read = deferredRead();
    await expect(reads.run('a', AbortSignal.abort(new Error('gone')), read.start)).rejects.toThrow('gone');
    expect(read.started).toHaveLength(0);
  });
});
