import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, UsersTable } from '../database';
import type { WriteQueue } from '../write-queue';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string | null;
  role: string;
  /** null: every account. */
  accounts: string[] | null;
  disabled: boolean;
  source: string;
  /** Sealed (StoredSecrets); null while TOTP is off. */
  totpSecret: string | null;
  totpPending: string | null;
  /** sha256 hex digests of the unused recovery codes. */
  recoveryCodes: string[];
  createdAt: number;
  lastLoginAt: number | null;
  sessionsValidAfter: number;
}

export type UserChanges = Partial<Omit<UserRecord, 'id' | 'username' | 'createdAt'>>;

/** Thrown by `insert` when the name (in any case) is taken. */
export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';
}

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    accounts: row.accounts === null ? null : (JSON.parse(row.accounts) as string[]),
    disabled: Number(row.disabled) === 1,
    source: row.source,
    totpSecret: row.totp_secret,
    totpPending: row.totp_pending,
    recoveryCodes: row.recovery_codes === null ? [] : (JSON.parse(row.recovery_codes) as string[]),
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    sessionsValidAfter: row.sessions_valid_after,
  };
}

function toRow(changes: UserChanges): Updateable<UsersTable> {
  const row: Updateable<UsersTable> = {};
  if (changes.passwordHash !== undefined) row.password_hash = changes.passwordHash;
  if (changes.role !== undefined) row.role = changes.role;
  if (changes.accounts !== undefined) row.accounts = changes.accounts === null ? null : JSON.stringify(changes.accounts);
  if (changes.disabled !== undefined) row.disabled = changes.disabled ? 1 : 0;
  if (changes.source !== undefined) row.source = changes.source;
  if (changes.totpSecret !== undefined) row.totp_secret = changes.totpSecret;
  if (changes.totpPending !== undefined) row.totp_pending = changes.totpPending;
  if (changes.recoveryCodes !== undefined) row.recovery_codes = JSON.stringify(changes.recoveryCodes);
  if (changes.lastLoginAt !== undefined) row.last_login_at = changes.lastLoginAt;
  if (changes.sessionsValidAfter !== undefined) row.sessions_valid_after = changes.sessionsValidAfter;
  return row;
}

/**
 * The users. Written directly, not through the write queue: an admin's change must be
 * confirmed (a name taken, the last admin) before it is answered, and the server keeps them
 * in memory for the per-request checks. Only the last-login time goes through the queue.
 */
export class UsersRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  /** Queued, as it happens at every login; throws WriteQueueFullError when the queue is full. */
  recordLogin(id: string, at: number): void {
    this.writes.enqueue('record a login time', (db) => db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute());
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username_key').execute();
    return rows.map(toRecord);
  }

  async find(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async insert(user: UserRecord): Promise<void> {
    const key = user.username.toLowerCase();
    // Checked first for a clear answer; the unique index settles a race between two inserts.
    const taken = await this.db.selectFrom('users').select('id').where('username_key', '=', key).executeTakeFirst();
    if (taken) throw new UsernameTakenError(`A user named "${user.username}" exists`);
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          username_key: key,
          created_at: user.createdAt,
          password_hash: null,
          role: user.role,
          accounts: null,
          disabled: 0,
          source: user.source,
          totp_secret: null,
          totp_pending: null,
          recovery_codes: null,
          last_login_at: null,
          sessions_valid_after: 0,
          ...toRow(user),
        })
        .execute();
    } catch (error) {
      if ((await this.db.selectFrom('users').select('id').where('username_key', '=', key).executeTakeFirst()) !== undefined) {
        throw new UsernameTakenError(`A user named "${user.username}" exists`);
      }
      throw error;
    }
  }

  async update(id: string, changes: UserChanges): Promise<void> {
    const row = toRow(changes);
    if (Object.keys(row).length === 0) return;
    await this.db.updateTable('users').set(row).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }
}
