import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../database';
import type { Prunable } from '../retention';
import type { WriteQueue } from '../write-queue';

export interface SessionRecord {
  /** The token's `jti`. */
  id: string;
  username: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  address: string | null;
  userAgent: string | null;
  /** null for sessions issued before users were stored. */
  userId: string | null;
  lastSeenAt: number | null;
}

function toRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    username: row.username,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    address: row.address,
    userAgent: row.user_agent,
    userId: row.user_id,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * Login sessions. Writes go through the write queue (they return at once, and wait there while
 * the database is away; a full queue throws WriteQueueFullError); reads go to the database.
 */
export class SessionsRepository implements Prunable {
  readonly table = 'sessions';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  /** A session just issued. */
  record(session: Omit<SessionRecord, 'revokedAt' | 'lastSeenAt' | 'userId'> & { userId?: string | null }): void {
    this.writes.enqueue('record a session', (db) =>
      db
      .insertInto('sessions')
      .values({
        id: session.id,
        username: session.username,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        revoked_at: null,
        address: session.address,
        user_agent: session.userAgent,
        user_id: session.userId ?? null,
        last_seen_at: null,
      })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute(),
    );
  }

  /**
   * A session logged out at `at`. Also when its login was never recorded (issued before this
   * database existed, say): the revocation must hold either way, so the row is made then, dated
   * by the logout.
   */
  revoke(session: { id: string; username: string; expiresAt: number }, at: number): void {
    this.writes.enqueue('revoke a session', (db) =>
      db
      .insertInto('sessions')
      .values({ id: session.id, username: session.username, created_at: at, expires_at: session.expiresAt, revoked_at: at, address: null, user_agent: null, user_id: null, last_seen_at: null })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ revoked_at: at }))
      .execute(),
    );
  }

  /** Sessions logged out that would still be valid at `now`: what the per-request check keeps in memory. */
  async revokedAfter(now: number): Promise<Array<{ id: string; expiresAt: number }>> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'expires_at'])
      .where('expires_at', '>', now)
      .where('revoked_at', 'is not', null)
      .execute();
    return rows.map((row) => ({ id: row.id, expiresAt: row.expires_at }));
  }

  /** Queued: a session was used at `at` (callers keep this to about once a minute per session). */
  touch(id: string, at: number): void {
    this.writes.enqueue('record a session use', (db) => db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute());
  }

  /** Queued: every session of `username` not yet revoked is revoked at `at` (a new password, a disabled user). */
  revokeAllOf(username: string, at: number): void {
    this.writes.enqueue("revoke a user's sessions", (db) =>
      db.updateTable('sessions').set({ revoked_at: at }).where('username', '=', username).where('revoked_at', 'is', null).execute(),
    );
  }

  /** Sessions neither revoked nor expired at `now`, of one user or of everyone, newest first. */
  async active(now: number, username?: string): Promise<SessionRecord[]> {
    let query = this.db.selectFrom('sessions').selectAll().where('expires_at', '>', now).where('revoked_at', 'is', null);
    if (username !== undefined) query = query.where('username', '=', username);
    const rows = await query.orderBy('created_at', 'desc').execute();
    return rows.map(toRecord);
  }

  async find(id: string): Promise<SessionRecord | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Deletes up to `limit` sessions that expired before `cutoff`; answers how many. */
  async pruneBatch(cutoff: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('expires_at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
