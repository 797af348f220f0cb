import { DetailCache } from './detail-cache';

describe('DetailCache', () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 0;
  });

  it('shares one read among callers within the time to live', async () => {
    const cache = new DetailCache<string>(1000, 1000, now);
    const read = jest.fn(async () => 'answer');
    const first = cache.get('a/b', read);
    clock = 10;
    const second = cache.get('a/b', read);
    await first;
    clock = 1009;
    expect(await Promise.all([first, second, cache.get('a/b', read)])).toEqual(['answer', 'answer', 'answer']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the time to live is over, and keeps ids apart', async () => {
    const cache = new DetailCache<string>(1000, 1000, now);
    const read = jest.fn(async () => 'answer');
    await cache.get('a/b', read);
    clock = 1000;
    await cache.get('a/b', read);
    await cache.get('c/d', read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('joins a read in flight however long it takes, and counts the time to live from its end', async () => {
    const cache = new DetailCache<string>(1000, 1000, now);
    let finish: (value: string) => void = () => undefined;
    const slow = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const first = cache.get('a/b', slow);
    clock = 25_000;
    const joined = cache.get('a/b', slow);
    finish('late');
    expect(await joined).toBe('late');
    clock = 25_999;
    expect(await cache.get('a/b', slow)).toBe('late');
    expect(slow).toHaveBeenCalledTimes(1);
    await first;
  });

  it('keeps a failed read as long as an answer, so a failing Hub is asked once per time to live', async () => {
    const cache = new DetailCache<string>(1000, 1000, now);
    const failing = jest.fn(() => Promise.reject(new Error('hub down')));
    await expect(cache.get('a/b', failing)).rejects.toThrow('hub down');
    clock = 999;
    await expect(cache.get('a/b', failing)).rejects.toThrow('hub down');
    expect(failing).toHaveBeenCalledTimes(1);
    clock = 1000;
    await expect(cache.get('a/b', async () => 'recovered')).resolves.toBe('recovered');
  });

  it('holds at most maxEntries, dropping the oldest, whatever ids callers make up', async () => {
    const cache = new DetailCache<string>(1000, 3, now);
    const read = jest.fn(async () => 'answer');
    for (const id of ['a/1', 'a/2', 'a/3', 'a/4']) await cache.get(id, read);
    await cache.get('a/4', read);
    await cache.get('a/2', read);
    expect(read).toHaveBeenCalledTimes(4);
    await cache.get('a/1', read);
    expect(read).toHaveBeenCalledTimes(5);
  });
});
