import { SharedCache } from './shared-cache';

describe('SharedCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('shares one load between concurrent callers and keeps the result for the ttl', async () => {
    const cache = new SharedCache<string>(100, 10, clock);
    let loads = 0;
    const load = async () => `value ${++loads}`;
    await expect(Promise.all([cache.get('k', load), cache.get('k', load)])).resolves.toEqual(['value 1', 'value 1']);
    now += 99;
    await expect(cache.get('k', load)).resolves.toBe('value 1');
    now += 1;
    await expect(cache.get('k', load)).resolves.toBe('value 2');
  });

  it('keeps no failure', async () => {
    const cache = new SharedCache<string>(100, 10, clock);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(cache.get('k', async () => 'up')).resolves.toBe('up');
  });

  it('holds at most maxEntries results, dropping the oldest', async () => {
    const cache = new SharedCache<string>(1000, 2, clock);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => `${key}1`);
    await expect(cache.get('a', async () => 'a2')).resolves.toBe('a2');
    await expect(cache.get('c', async () => 'c2')).resolves.toBe('c1');
  });
});
