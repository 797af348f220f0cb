import { DATABASE_KINDS, ScratchDatabases } from '@hfd/test-support';
import { optionsFor } from '../../testing/scratch-options';
import { openPersistence, type Persistence } from '../persistence';
import { ApiKeyNameTakenError } from './api-keys.repository';
import type { AuditRecord } from './audit.repository';
import { UsernameTakenError, type UserRecord } from './users.repository';

const NOW = Date.UTC(2026, 0, 1);

function user(id: string, username: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    username,
    passwordHash: 'scrypt$hash',
    role: 'viewer',
    accounts: null,
    disabled: false,
    source: 'local',
    totpSecret: null,
    totpPending: null,
    recoveryCodes: [],
    createdAt: NOW,
    lastLoginAt: null,
    sessionsValidAfter: 0,
    ...overrides,
  };
}

function entry(id: string, at: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id,
    at,
    kind: 'auth.login',
    actorType: 'user',
    actor: 'alice',
    target: null,
    spaceId: null,
    result: 'success',
    detail: null,
    address: '203.0.113.7',
    durationMs: 12,
    requestId: 'req-1',
    ...overrides,
  };
}

describe.each(DATABASE_KINDS)('people repositories (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  let persistence: Persistence;
  let failures: unknown[];

  beforeEach(async () => {
    failures = [];
    persistence = await openPersistence(optionsFor(await scratch.create(), failures));
  });
  afterEach(async () => {
    expect(failures).toEqual([]);
    await persistence.close();
  });
  afterAll(() => scratch.dropAll());

  it('stores a user with scopes, reads it back, updates and deletes it', async () => {
    await persistence.users.insert(user('u1', 'Alice', { accounts: ['acme', 'org'], recoveryCodes: ['ab'] }));
    expect(await persistence.users.find('u1')).toEqual(user('u1', 'Alice', { accounts: ['acme', 'org'], recoveryCodes: ['ab'] }));
    await persistence.users.update('u1', { role: 'admin', accounts: null, disabled: true, sessionsValidAfter: NOW + 1 });
    persistence.users.recordLogin('u1', NOW + 2);
    await persistence.writes.drained();
    expect(await persistence.users.find('u1')).toMatchObject({ role: 'admin', accounts: null, disabled: true, sessionsValidAfter: NOW + 1, lastLoginAt: NOW + 2 });
    await persistence.users.delete('u1');
    expect(await persistence.users.list()).toEqual([]);
  });

  it('refuses a second user of the same name in any case', async () => {
    await persistence.users.insert(user('u1', 'alice'));
    await expect(persistence.users.insert(user('u2', 'ALICE'))).rejects.toBeInstanceOf(UsernameTakenError);
    expect((await persistence.users.list()).map((found) => found.id)).toEqual(['u1']);
  });

  it('stores named keys by hash, refuses a taken name, records use through the queue and deletes', async () => {
    const key = { id: 'k1', name: 'ci', keyHash: 'f'.repeat(64), role: 'operator', accounts: ['acme'], createdAt: NOW, createdBy: 'alice', expiresAt: NOW + 1000, lastUsedAt: null };
    await persistence.apiKeys.insert(key);
    await expect(persistence.apiKeys.insert({ ...key, id: 'k2', name: 'CI' })).rejects.toBeInstanceOf(ApiKeyNameTakenError);
    persistence.apiKeys.recordUse('k1', NOW + 5);
    await persistence.writes.drained();
    expect(await persistence.apiKeys.list()).toEqual([{ ...key, lastUsedAt: NOW + 5 }]);
    expect(await persistence.apiKeys.delete('k1')).toBe(true);
    expect(await persistence.apiKeys.delete('k1')).toBe(false);
  });

  it('pages the audit log newest first by a total order, with filters, and prunes by time', async () => {
    persistence.audit.append(entry('a', NOW));
    persistence.audit.append(entry('b', NOW + 1, { kind: 'space.action', spaceId: 'acme/app', result: 'failure' }));
    persistence.audit.append(entry('c', NOW + 1, { actor: 'bob' }));
    persistence.audit.append(entry('d', NOW + 2));
    await persistence.writes.drained();
    const first = await persistence.audit.page({}, 2);
    expect(first.map((found) => found.id)).toEqual(['d', 'c']);
    const second = await persistence.audit.page({ before: { at: first[1].at, id: first[1].id } }, 2);
    expect(second.map((found) => found.id)).toEqual(['b', 'a']);
    expect((await persistence.audit.page({ actor: 'bob' }, 10)).map((found) => found.id)).toEqual(['c']);
    expect((await persistence.audit.page({ spaceId: 'acme/app', kind: 'space.action', result: 'failure' }, 10))[0]).toEqual(
      entry('b', NOW + 1, { kind: 'space.action', spaceId: 'acme/app', result: 'failure' }),
    );
    expect((await persistence.audit.page({ from: NOW + 1, to: NOW + 2 }, 10)).map((found) => found.id)).toEqual(['c', 'b']);
    expect(await persistence.audit.pruneBatch(NOW + 2, 10)).toBe(3);
    expect((await persistence.audit.page({}, 10)).map((found) => found.id)).toEqual(['d']);
  });

  it('lists active sessions per user and revokes all of a user', async () => {
    const base = { createdAt: NOW, expiresAt: Date.now() + 60_000, address: null, userAgent: null };
    persistence.sessions.record({ ...base, id: 's1', username: 'alice', userId: 'u1' });
    persistence.sessions.record({ ...base, id: 's2', username: 'bob', userId: 'u2' });
    persistence.sessions.touch('s1', NOW + 9);
    await persistence.writes.drained();
    expect(await persistence.sessions.active(Date.now(), 'alice')).toEqual([{ ...base, id: 's1', username: 'alice', userId: 'u1', lastSeenAt: NOW + 9, revokedAt: null }]);
    persistence.sessions.revokeAllOf('alice', NOW + 10);
    await persistence.writes.drained();
    expect((await persistence.sessions.active(Date.now())).map((found) => found.id)).toEqual(['s2']);
  });
});
