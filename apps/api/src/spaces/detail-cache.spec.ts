import { DetailCache } from './detail-cache';

describe('DetailCache', () => {
  it('shares one read among callers within the time to live', async () => {
    const cache = new DetailCache<string>(1000);
    const read = jest.fn(async () => 'answer');
    const answers = await Promise.all([cache.get('a/b', read, 0), cache.get('a/b', read, 10), cache.get('a/b', read, 999)]);
    expect(answers).toEqual(['answer', 'answer', 'answer']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the time to live is over, and keeps ids apart', async () => {
    const cache = new DetailCache<string>(1000);
    const read = jest.fn(async () => 'answer');
    await cache.get('a/b', read, 0);
    await cache.get('a/b', read, 1000);
    await cache.get('c/d', read, 1000);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed read', async () => {
    const cache = new DetailCache<string>(1000);
    await expect(cache.get('a/b', () => Promise.reject(new Error('hub down')), 0)).rejects.toThrow('hub down');
    await expect(cache.get('a/b', async () => 'recovered', 1)).resolves.toBe('recovered');
  });
});
