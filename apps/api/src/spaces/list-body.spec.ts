import type { SpacesListResponse } from '@hfd/contracts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ListBody } from './list-body';

const LIST: SpacesListResponse = {
  spaces: [],
  accounts: [{ name: 'alice', canWrite: true, spaceCount: 0, error: null, fetchedAt: '2026-01-01T00:00:00.000Z' }],
  fetchedAt: '2026-01-01T00:00:00.000Z',
  stale: false,
  refreshing: false,
  generatedAt: '2026-01-01T00:00:05.000Z',
  ageMs: 5000,
};

describe('ListBody', () => {
  it('holds the answer as JSON, age fields included, and knows when it was generated', () => {
    const body = ListBody.of(LIST);
    expect(JSON.parse(body.identity.toString('utf8'))).toEqual(LIST);
    expect(body.generatedAt).toBe(Date.parse(LIST.generatedAt));
  });

  it('gives answers that differ only in when they were generated the same weak ETag', () => {
    const later = ListBody.of({ ...LIST, generatedAt: '2026-01-01T00:00:09.000Z', ageMs: 9000 });
    expect(later.etag).toBe(ListBody.of(LIST).etag);
    expect(later.etag).toMatch(/^W\/"[\w-]+"$/);
  });

  it.each([
    ['the data', { fetchedAt: '2026-01-01T00:00:30.000Z' }],
    ['staleness', { stale: true }],
    ['a refresh in flight', { refreshing: true }],
    ['what an account may do', { accounts: [{ ...LIST.accounts[0], canWrite: false }] }],
  ])('changes the ETag when %s changes', (_case, change: Partial<SpacesListResponse>) => {
    expect(ListBody.of({ ...LIST, ...change }).etag).not.toBe(ListBody.of(LIST).etag);
  });

  it('compresses once per encoding, for every reader who asks', async () => {
    const body = ListBody.of(LIST);
    const first = body.encode('br');
    expect(body.encode('br')).toBe(first);
    expect(brotliDecompressSync(await first)).toEqual(body.identity);
    expect(gunzipSync(await body.encode('gzip'))).toEqual(body.identity);
  });
});
