import { inspect } from 'node:util';
import { validateEnv, type Env } from '../config/env.schema';
import type { AppConfigService } from '../config/app-config.service';
import { ApiKeyService } from './api-key.service';

// The service imports timingSafeEqual from node:crypto; every call is recorded here and still compares for real.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = (require('node:crypto') as { timingSafeEqual: jest.Mock<boolean, [NodeJS.ArrayBufferView, NodeJS.ArrayBufferView]> }).timingSafeEqual;

const KEY = 'the-api-key-0123456789-abcdef';

function configWith(raw: Record<string, string>): AppConfigService {
  const env = validateEnv(raw);
  return { get: <K extends keyof Env>(key: K): Env[K] => env[key] } as unknown as AppConfigService;
}

describe('ApiKeyService', () => {
  let service: ApiKeyService;

  beforeEach(() => {
    timingSafeEqual.mockClear();
    service = new ApiKeyService(configWith({ API_KEY: KEY }));
  });

  it.each([
    { input: 'the right key', presented: KEY, expected: true },
    { input: 'a wrong key of the same length', presented: `${KEY.slice(0, -1)}X`, expected: false },
    { input: 'a prefix of the key', presented: KEY.slice(0, 5), expected: false },
    { input: 'the key with one more character', presented: `${KEY}x`, expected: false },
    { input: 'one character', presented: 'x', expected: false },
    { input: 'an empty string', presented: '', expected: false },
    { input: '10 kB', presented: 'k'.repeat(10_000), expected: false },
    { input: 'the key in another case', presented: KEY.toUpperCase(), expected: false },
    { input: 'unicode', presented: 'ключ-🔑', expected: false },
  ])('compares $input through timingSafeEqual on two 32-byte digests, answering $expected', ({ presented, expected }) => {
    expect(service.matches(presented)).toBe(expected);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = timingSafeEqual.mock.calls[0];
    expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    // The comparison's answer is the service's answer: nothing else decides.
    expect(timingSafeEqual.mock.results[0].value).toBe(expected);
  });

  it('compares inputs of every length in the same way: one call on equal, fixed-length buffers', () => {
    for (let length = 0; length <= 200; length += 7) service.matches('x'.repeat(length));
    expect(timingSafeEqual).toHaveBeenCalledTimes(29);
    for (const [a, b] of timingSafeEqual.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it('answers false without comparing when no key is presented', () => {
    expect(service.matches(null)).toBe(false);
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });

  it('is disabled and matches nothing when API_KEY is unset, not even an empty key', () => {
    const disabled = new ApiKeyService(configWith({}));
    expect(disabled.enabled).toBe(false);
    expect(disabled.matches('')).toBe(false);
    expect(disabled.matches(KEY)).toBe(false);
  });

  it('keeps only a digest of the key, never the key itself', () => {
    expect(service.enabled).toBe(true);
    const held = inspect(service, { depth: 10, showHidden: true });
    expect(held).not.toContain(KEY);
    expect(held).not.toContain(Buffer.from(KEY).toString('hex'));
  });
});
