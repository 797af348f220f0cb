import { eventually, sleep } from './wait';

describe('sleep', () => {
  it('resolves after about the given time', async () => {
    const started = Date.now();
    await sleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('eventually', () => {
  it('resolves with the first value that holds', async () => {
    let reads = 0;
    const value = await eventually('the third read', () => ++reads, (count) => count >= 3, 5000, 1);
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it('takes a read that throws as "not yet"', async () => {
    let reads = 0;
    const value = await eventually(
      'a read that stops failing',
      async () => {
        reads += 1;
        if (reads < 3) throw new Error('not listening yet');
        return 'up';
      },
      (state) => state === 'up',
      5000,
      1,
    );
    expect(value).toBe('up');
  });

  it('fails after the timeout with what it waited for and the last value seen', async () => {
    await expect(eventually('a count above 10', () => 4, (count) => count > 10, 30, 5)).rejects.toThrow(
      'Not within 30 ms: a count above 10 (last seen: 4)',
    );
  });

  it('quotes the last error when the last read threw', async () => {
    const read = (): number => {
      throw new Error('connection refused');
    };
    await expect(eventually('a server', read, () => true, 30, 5)).rejects.toThrow('(last seen: error: connection refused)');
  });
});
