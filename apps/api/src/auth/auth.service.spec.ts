import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiException } from '../common/errors/api.exception';
import { AuthSecrets } from './auth-secrets';
import { AuthService } from './auth.service';
import type { LoginThrottleService } from './login-throttle.service';
import { RevokedSessionsStore } from './revoked-sessions.store';
import type { Persistence } from '@hfd/persistence';
import { configWith } from '../testing/test-config';
import { openTestPersistence } from '../testing/test-persistence';
import { testPeople, type TestPeople } from '../testing/test-people';
import { UsersService } from '../people/users.service';
import { AuditService } from '../people/audit.service';
import { SessionEvents } from '../people/session-events';

// The password check imports timingSafeEqual from node:crypto; every call is recorded here and still compares for real.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = (require('node:crypto') as { timingSafeEqual: jest.Mock<boolean, [NodeJS.ArrayBufferView, NodeJS.ArrayBufferView]> }).timingSafeEqual;

const USER = 'operator';
const PASSWORD = 'correct horse battery staple';
const CONTEXT = { principal: null, address: '203.0.113.7', requestId: null, userAgent: null };

describe('AuthService credential comparison', () => {
  let service: AuthService;
  let persistence: Persistence;
  let people: TestPeople;
  let throttle: { admit: jest.Mock; recordFailure: jest.Mock; recordSuccess: jest.Mock };

  beforeEach(async () => {
    persistence = await openTestPersistence();
    throttle = {
      admit: jest.fn().mockResolvedValue(undefined),
      recordFailure: jest.fn().mockResolvedValue(undefined),
      recordSuccess: jest.fn().mockResolvedValue(undefined),
    };
    const config = configWith({ USER_NAME: USER, USER_PASSWORD: PASSWORD, JWT_SECRET: 'a-signing-secret-long-enough-0123456789' });
    people = await testPeople(config, persistence);
    service = new AuthService(
      config,
      await AuthSecrets.load(config, persistence.secrets),
      new JwtService({}),
      throttle as unknown as LoginThrottleService,
      new RevokedSessionsStore(persistence.sessions),
      people.users,
      people.totp,
      people.audit,
      people.events,
      persistence.sessions,
    );
    timingSafeEqual.mockClear();
  });
  afterEach(() => persistence.close());

  /** The login's outcome: 'ok', or the error code it was refused with. */
  async function outcome(username: string, password: string): Promise<string> {
    try {
      await service.login({ username, password }, CONTEXT);
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
    { input: 'an unknown name with the right password', username: 'admin', password: PASSWORD, expected: '401 INVALID_CREDENTIALS' },
    { input: 'an empty name', username: '', password: PASSWORD, expected: '401 INVALID_CREDENTIALS' },
    { input: 'the name in another case (names are case-insensitive)', username: USER.toUpperCase(), password: PASSWORD, expected: 'ok' },
    { input: 'unicode', username: 'оператор', password: 'пароль-🔑', expected: '401 INVALID_CREDENTIALS' },
  ])('derives one scrypt key for $input, known name or not, and compares it once through timingSafeEqual: $expected', async ({ username, password, expected }) => {
    expect(await outcome(username, password)).toBe(expected);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = timingSafeEqual.mock.calls[0];
    expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    expect(timingSafeEqual.mock.results[0].value).toBe(expected === 'ok');
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

  it('audits each login with its result and reason, and never the password tried', async () => {
    await outcome(USER, 'a wrong guess 123');
    await outcome(USER, PASSWORD);
    await persistence.writes.drained();
    const entries = await persistence.audit.page({}, 10);
    expect(entries.map(({ kind, result, actor, detail, address }) => ({ kind, result, actor, detail, address }))).toEqual([
      { kind: 'auth.login', result: 'success', actor: USER, detail: null, address: '203.0.113.7' },
      { kind: 'auth.login', result: 'failure', actor: USER, detail: 'INVALID_CREDENTIALS', address: '203.0.113.7' },
    ]);
    expect(JSON.stringify(entries)).not.toContain('a wrong guess');
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });
});

describe('UsersService: the configured admin at start', () => {
  let persistence: Persistence;
  beforeEach(async () => {
    persistence = await openTestPersistence();
  });
  afterEach(() => persistence.close());

  const start = async (env: Record<string, string>) => {
    const users = new UsersService(configWith(env), persistence.users, persistence.sessions, new SessionEvents(), new AuditService(persistence.audit));
    await users.onModuleInit();
    return users;
  };

  it('without USER_PASSWORD and no admin yet, makes one with a random 16-character password, once; a later start makes and prints nothing', async () => {
    const first = await start({});
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await first.authenticate('admin', first.generatedPassword ?? '')).toMatchObject({ username: 'admin', role: 'admin' });
    const second = await start({});
    expect(second.generatedPassword).toBeNull();
    expect(await second.authenticate('admin', first.generatedPassword ?? '')).not.toBeNull();
  });

  it('treats an empty USER_PASSWORD as unset: never an empty password', async () => {
    const users = await start({ USER_PASSWORD: '' });
    expect(users.generatedPassword).not.toBeNull();
    expect(await users.authenticate('admin', '')).toBeNull();
  });

  it('says in the log that a weak USER_PASSWORD is weak, without the password, and still takes it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const users = await start({ USER_PASSWORD: 'short-pw' });
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual(['USER_PASSWORD is weak (The password must have at least 12 characters): set a stronger one']);
      expect(await users.authenticate('admin', 'short-pw')).not.toBeNull();
    } finally {
      warn.mockRestore();
    }
  });

  it('creates USER_NAME with USER_PASSWORD, and on a later start with another password updates it and makes it an enabled admin again', async () => {
    const first = await start({ USER_NAME: 'boss', USER_PASSWORD: PASSWORD });
    expect(first.generatedPassword).toBeNull();
    const boss = first.findByName('boss');
    if (boss === undefined) throw new Error('boss was not created');
    await first.write(boss, { role: 'viewer', disabled: true });
    const second = await start({ USER_NAME: 'boss', USER_PASSWORD: 'another long password 42' });
    expect(await second.authenticate('boss', PASSWORD)).toBeNull();
    expect(await second.authenticate('boss', 'another long password 42')).toMatchObject({ role: 'admin', disabled: false });
    expect(second.list()).toHaveLength(1);
  });
});

describe('AuthSecrets', () => {
  let persistence: Persistence;
  beforeEach(async () => {
    persistence = await openTestPersistence();
  });
  afterEach(() => persistence.close());

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
