import { JwtService } from '@nestjs/jwt';
import { ApiException } from '../common/errors/api.exception';
import { AuthSecrets } from './auth-secrets';
import { AuthService } from './auth.service';
import type { LoginThrottleService } from './login-throttle.service';
import { RevokedSessionsStore } from './revoked-sessions.store';
import type { Persistence } from '@hfd/persistence';
import { configWith } from '../testing/test-config';
import { openTestPersistence } from '../testing/test-persistence';

// The service imports timingSafeEqual from node:crypto; every call is recorded here and still compares for real.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = (require('node:crypto') as { timingSafeEqual: jest.Mock<boolean, [NodeJS.ArrayBufferView, NodeJS.ArrayBufferView]> }).timingSafeEqual;

const USER = 'operator';
const PASSWORD = 'correct horse battery staple';

describe('AuthService credential comparison', () => {
  let service: AuthService;
  let persistence: Persistence;
  let throttle: { admit: jest.Mock; recordFailure: jest.Mock; recordSuccess: jest.Mock };

  beforeEach(async () => {
    persistence = await openTestPersistence();
    throttle = {
      admit: jest.fn().mockResolvedValue(undefined),
      recordFailure: jest.fn().mockResolvedValue(undefined),
      recordSuccess: jest.fn().mockResolvedValue(undefined),
    };
    const config = configWith({ USER_NAME: USER, USER_PASSWORD: PASSWORD, JWT_SECRET: 'a-signing-secret-long-enough-0123456789' });
    service = new AuthService(
      config,
      await AuthSecrets.load(config, persistence.secrets),
      new JwtService({}),
      throttle as unknown as LoginThrottleService,
      new RevokedSessionsStore(persistence.sessions),
    );
    timingSafeEqual.mockClear();
  });
  afterEach(() => persistence.close());

  /** The login's outcome: 'ok', or the error code it was refused with. */
  async function outcome(username: string, password: string): Promise<string> {
    try {
      await service.login(username, password, '203.0.113.7');
      return 'ok';
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      return `${error.getStatus()} ${(error.getResponse() as { code: string }).code}`;
    }
  }

  it.each([
    { input: 'the right name and password', username: USER, password: PASSWORD, expected: 'ok' },
    { input: 'a wrong password of the same length', username: USER, password: `${PASSWORD.slice(0, -1)}X`, expected: '401 INVALID_CREDENTIALS' },
    { input: 'a prefix of the password', username: USER, password: PASSWORD.slice(0, 4), expected: '401 INVALID_CREDENTIALS' },
    { input: 'the password with one more character', username: USER, password: `${PASSWORD} `, expected: '401 INVALID_CREDENTIALS' },
    { input: 'an empty password', username: USER, password: '', expected: '401 INVALID_CREDENTIALS' },
    { input: 'a 1 kB password', username: USER, password: 'p'.repeat(1024), expected: '401 INVALID_CREDENTIALS' },
    { input: 'a wrong name with the right password', username: 'admin', password: PASSWORD, expected: '401 INVALID_CREDENTIALS' },
    { input: 'an empty name', username: '', password: PASSWORD, expected: '401 INVALID_CREDENTIALS' },
    { input: 'the name in another case', username: USER.toUpperCase(), password: PASSWORD, expected: '401 INVALID_CREDENTIALS' },
    { input: 'unicode', username: 'оператор', password: 'пароль-🔑', expected: '401 INVALID_CREDENTIALS' },
  ])('compares $input through timingSafeEqual, name and password alike, on 32-byte digests: $expected', async ({ username, password, expected }) => {
    expect(await outcome(username, password)).toBe(expected);
    // Both comparisons always run, whichever fails first.
    expect(timingSafeEqual).toHaveBeenCalledTimes(2);
    for (const [a, b] of timingSafeEqual.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    expect(timingSafeEqual.mock.results.map((result) => result.value)).toEqual([username === USER, password === PASSWORD]);
  });

  it('does the same work for every length of input: two calls on fixed-length buffers each time', async () => {
    for (let length = 0; length <= 300; length += 25) await outcome('n'.repeat(length), 'p'.repeat(length));
    expect(timingSafeEqual).toHaveBeenCalledTimes(26);
    for (const [a, b] of timingSafeEqual.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it('admits every attempt by name and address, records every failure, and clears the address on success', async () => {
    await outcome(USER, 'wrong');
    await outcome('admin', PASSWORD);
    expect(throttle.recordFailure).toHaveBeenCalledTimes(2);
    expect(throttle.recordSuccess).not.toHaveBeenCalled();
    await outcome(USER, PASSWORD);
    expect(throttle.recordSuccess).toHaveBeenCalledWith(USER, '203.0.113.7');
    expect(throttle.admit.mock.calls).toEqual([
      [USER, '203.0.113.7'],
      ['admin', '203.0.113.7'],
      [USER, '203.0.113.7'],
    ]);
  });

  it('asks the throttle first: a refused attempt is not compared at all', async () => {
    throttle.admit.mockRejectedValue(new ApiException(429, 'LOGIN_THROTTLED', 'Too many failed logins'));
    expect(await outcome(USER, PASSWORD)).toBe('429 LOGIN_THROTTLED');
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });
});

describe('AuthSecrets', () => {
  let persistence: Persistence;
  beforeEach(async () => {
    persistence = await openTestPersistence();
  });
  afterEach(() => persistence.close());

  it('generates a random password of 16 characters, different on every start, and says so', async () => {
    const first = await AuthSecrets.load(configWith({}), persistence.secrets);
    const second = await AuthSecrets.load(configWith({}), persistence.secrets);
    expect(first.passwordGenerated).toBe(true);
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(first.password).not.toBe(second.password);
  });

  it('treats an empty USER_PASSWORD as unset: never an empty password', async () => {
    const secrets = await AuthSecrets.load(configWith({ USER_PASSWORD: '' }), persistence.secrets);
    expect(secrets.passwordGenerated).toBe(true);
    expect(secrets.password).not.toBe('');
  });

  it('uses USER_PASSWORD as given when it is set', async () => {
    const secrets = await AuthSecrets.load(configWith({ USER_PASSWORD: PASSWORD }), persistence.secrets);
    expect(secrets).toMatchObject({ password: PASSWORD, passwordGenerated: false });
  });

  it('without JWT_SECRET, generates a signing key once and keeps it in the database: the same on every start', async () => {
    const first = await AuthSecrets.load(configWith({}), persistence.secrets);
    const second = await AuthSecrets.load(configWith({}), persistence.secrets);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(64);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    const elsewhere = await openTestPersistence();
    try {
      expect((await AuthSecrets.load(configWith({}), elsewhere.secrets)).jwtSecret).not.toBe(first.jwtSecret);
    } finally {
      await elsewhere.close();
    }
  });

  it('uses JWT_SECRET when it is set', async () => {
    const secrets = await AuthSecrets.load(configWith({ JWT_SECRET: 'a-signing-secret-long-enough-0123456789' }), persistence.secrets);
    expect(secrets.jwtSecret).toBe('a-signing-secret-long-enough-0123456789');
  });
});
