import { DATABASE_KINDS, ScratchDatabases } from '@hfd/test-support';
import { optionsFor } from '../../testing/scratch-options';
import { openPersistence, type Persistence } from '../persistence';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 1);

describe.each(DATABASE_KINDS)('SessionsRepository (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  let persistence: Persistence;
  let failures: unknown[];

  beforeEach(async () => {
    failures = [];
    persistence = await openPersistence(optionsFor(await scratch.create(), failures));
  });
  afterEach(() => persistence.close());
  afterAll(() => scratch.dropAll());

  const session = (id: string, overrides: { createdAt?: number; expiresAt?: number } = {}) => ({
    id,
    username: 'admin',
    createdAt: overrides.createdAt ?? NOW,
    expiresAt: overrides.expiresAt ?? NOW + 24 * HOUR,
    address: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (test)',
  });

  it('records a session with its address and user agent, once', async () => {
    persistence.sessions.record(session('s1'));
    persistence.sessions.record({ ...session('s1'), username: 'someone else' });
    await persistence.writes.drained();
    expect(await persistence.sessions.find('s1')).toEqual({ ...session('s1'), revokedAt: null, userId: null, lastSeenAt: null });
    expect(await persistence.sessions.find('missing')).toBeNull();
    expect(failures).toEqual([]);
  });

  it('revokes a recorded session, keeping what the login recorded', async () => {
    persistence.sessions.record(session('s1'));
    persistence.sessions.revoke({ id: 's1', username: 'admin', expiresAt: NOW + 24 * HOUR }, NOW + HOUR);
    await persistence.writes.drained();
    expect(await persistence.sessions.find('s1')).toEqual({ ...session('s1'), revokedAt: NOW + HOUR, userId: null, lastSeenAt: null });
  });

  it('revokes a session whose login was never recorded', async () => {
    persistence.sessions.revoke({ id: 'older', username: 'admin', expiresAt: NOW + 5 * HOUR }, NOW);
    await persistence.writes.drained();
    expect(await persistence.sessions.find('older')).toEqual({
      id: 'older',
      username: 'admin',
      createdAt: NOW,
      expiresAt: NOW + 5 * HOUR,
      revokedAt: NOW,
      address: null,
      userAgent: null,
      userId: null,
      lastSeenAt: null,
    });
  });

  it('lists the revoked sessions that have not expired yet, and only those', async () => {
    persistence.sessions.record(session('active'));
    persistence.sessions.record(session('revoked'));
    persistence.sessions.record(session('revoked-expired', { expiresAt: NOW - 1 }));
    persistence.sessions.revoke({ id: 'revoked', username: 'admin', expiresAt: NOW + 24 * HOUR }, NOW);
    persistence.sessions.revoke({ id: 'revoked-expired', username: 'admin', expiresAt: NOW - 1 }, NOW - 2);
    await persistence.writes.drained();
    expect(await persistence.sessions.revokedAfter(NOW)).toEqual([{ id: 'revoked', expiresAt: NOW + 24 * HOUR }]);
  });

  it('prunes at most a batch of the sessions that expired before the cutoff', async () => {
    for (let i = 0; i < 5; i++) persistence.sessions.record(session(`old-${i}`, { createdAt: NOW - 48 * HOUR, expiresAt: NOW - 24 * HOUR }));
    persistence.sessions.record(session('new'));
    await persistence.writes.drained();
    expect(await persistence.sessions.pruneBatch(NOW, 3)).toBe(3);
    expect(await persistence.sessions.pruneBatch(NOW, 3)).toBe(2);
    expect(await persistence.sessions.pruneBatch(NOW, 3)).toBe(0);
    expect(await persistence.sessions.find('new')).not.toBeNull();
    expect(await persistence.sessions.find('old-0')).toBeNull();
  });
});
