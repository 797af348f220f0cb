import type { Persistence } from '@hfd/persistence';
import { ApiException } from '../common/errors/api.exception';
import { openTestPersistence } from '../testing/test-persistence';
import { RevokedSessionsStore } from './revoked-sessions.store';

const HOUR = 3_600_000;

describe('RevokedSessionsStore', () => {
  let persistence: Persistence;
  afterEach(() => persistence.close());

  const issued = (jti: string, expiresAt = Date.now() + HOUR) => ({
    jti,
    username: 'admin',
    userId: 'u1',
    issuedAt: Date.now(),
    expiresAt,
    address: '203.0.113.7',
    userAgent: 'curl/8',
  });

  it('records logins and logouts in the database, and a new store (a restart) still refuses a revoked session', async () => {
    persistence = await openTestPersistence();
    const store = new RevokedSessionsStore(persistence.sessions);
    await store.onModuleInit();
    store.issued(issued('kept'));
    store.issued(issued('logged-out'));
    store.revoke({ jti: 'logged-out', username: 'admin', expiresAt: Date.now() + HOUR });
    expect(store.isRevoked('logged-out')).toBe(true);
    await persistence.writes.drained();
    expect(await persistence.sessions.find('kept')).toMatchObject({ username: 'admin', address: '203.0.113.7', userAgent: 'curl/8', revokedAt: null });

    const restarted = new RevokedSessionsStore(persistence.sessions);
    await restarted.onModuleInit();
    expect(restarted.isRevoked('logged-out')).toBe(true);
    expect(restarted.isRevoked('kept')).toBe(false);
  });

  it('answers from memory, never from the database, for every request', async () => {
    persistence = await openTestPersistence();
    const store = new RevokedSessionsStore(persistence.sessions);
    await store.onModuleInit();
    const find = jest.spyOn(persistence.sessions, 'find');
    const revokedAfter = jest.spyOn(persistence.sessions, 'revokedAfter');
    for (let i = 0; i < 100; i++) store.isRevoked(`jti-${i}`);
    expect(find).not.toHaveBeenCalled();
    expect(revokedAfter).not.toHaveBeenCalled();
  });

  it('forgets a revocation once the session would have expired anyway', async () => {
    persistence = await openTestPersistence();
    const store = new RevokedSessionsStore(persistence.sessions);
    store.revoke({ jti: 'expired', username: 'admin', expiresAt: Date.now() - 1 });
    expect(store.isRevoked('expired')).toBe(false);
  });

  it('when the write queue is full, still revokes on this server and answers 503 DATABASE_UNAVAILABLE; a login goes through unrecorded', async () => {
    persistence = await openTestPersistence(1);
    const store = new RevokedSessionsStore(persistence.sessions);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    persistence.writes.enqueue('a slow write', () => gate);

    expect(() => store.issued(issued('unrecorded'))).not.toThrow();
    let refusal: unknown;
    try {
      store.revoke({ jti: 'late', username: 'admin', expiresAt: Date.now() + HOUR });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiException);
    expect((refusal as ApiException).getStatus()).toBe(503);
    expect((refusal as ApiException).getResponse()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(store.isRevoked('late')).toBe(true);
    release();
    await persistence.writes.drained();
  });
});
