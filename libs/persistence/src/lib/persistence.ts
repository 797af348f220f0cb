import type { Kysely } from 'kysely';
import { join } from 'node:path';
import { connectPostgres, openSqlite, ping, type Connection } from './connections';
import type { Database, DatabaseKind } from './database';
import { DatabaseStatus, type DatabaseHealth } from './database-status';
import { migrate } from './migrate';
import { HistoryRepository } from './repositories/history.repository';
import { RollupsRepository } from './repositories/rollups.repository';
import { ServerRunsRepository } from './repositories/server-runs.repository';
import { ApiKeysRepository } from './repositories/api-keys.repository';
import { AuditRepository } from './repositories/audit.repository';
import { AutomationRepository } from './repositories/automation.repository';
import { SessionsRepository } from './repositories/sessions.repository';
import { UsersRepository } from './repositories/users.repository';
import { SettingsRepository } from './repositories/settings.repository';
import type { Prunable } from './retention';
import { SecretBox, SecretBoxError } from './secret-box';
import { secretKeyFromFile } from './secret-key-file';
import { PersistenceStartError, reason } from './start-error';
import { StoredSecrets } from './stored-secrets';
import { isTransientDatabaseError, outageReason } from './transient-error';
import { WriteQueue } from './write-queue';

/** The SQLite database's file name in DATA_DIR. */
export const SQLITE_FILE = 'hf-dashboard.db';

export type PersistenceOptions = (
  | { kind: 'sqlite'; dataDir: string; secretKey?: string }
  /** An in-memory SQLite database, gone when closed (controller tests). */
  | { kind: 'sqlite'; dataDir: null; secretKey: string }
  | { kind: 'postgres'; url: string; secretKey: string }
) & {
  /** Writes that may wait for an unreachable database (default 10 000). */
  writeQueueCapacity?: number;
  /** PostgreSQL: how often to check that it answers, while it does and while it does not (default 15 s, 2 s). */
  heartbeatMs?: readonly [whileReachable: number, whileAway: number];
  /** A write the database refused for good (it is not retried): the server logs it. */
  onWriteFailure: (label: string, error: unknown) => void;
};

/** A setting that proves the configured SECRET_KEY is the one the stored secrets were sealed with. */
const KEY_CHECK = 'secret-key-check';
/** On stop, how long queued writes get to reach the database (docker stop kills after 10 s, and requests drain first). */
const CLOSE_FLUSH_MS = 2000;

/**
 * The open database and everything that uses it: the write queue, the repositories and the
 * stored secrets. Made by `openPersistence`, closed once by `close`.
 */
export class Persistence {
  readonly sessions: SessionsRepository;
  readonly history: HistoryRepository;
  readonly serverRuns: ServerRunsRepository;
  readonly rollups: RollupsRepository;
  readonly users: UsersRepository;
  readonly apiKeys: ApiKeysRepository;
  readonly audit: AuditRepository;
  readonly automation: AutomationRepository;
  /** Every repository whose rows age out after HISTORY_RETENTION. */
  readonly prunable: readonly Prunable[];
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connection: Connection,
    readonly status: DatabaseStatus,
    readonly writes: WriteQueue,
    readonly secrets: StoredSecrets,
    /** What opening did that the operator should know: migrations run, a key file made. */
    readonly notes: readonly string[],
    private readonly heartbeatMs: readonly [number, number],
  ) {
    this.sessions = new SessionsRepository(connection.db, writes);
    this.history = new HistoryRepository(connection.db, writes);
    this.serverRuns = new ServerRunsRepository(connection.db, writes);
    this.rollups = new RollupsRepository(connection.db, writes);
    this.users = new UsersRepository(connection.db, writes);
    this.apiKeys = new ApiKeysRepository(connection.db, writes);
    this.audit = new AuditRepository(connection.db, writes);
    this.automation = new AutomationRepository(connection.db, writes);
    this.prunable = [this.sessions, this.audit, this.history, this.serverRuns, ...this.rollups.prunable, this.automation, this.automation.probes];
    this.scheduleHeartbeat();
  }

  get kind(): DatabaseKind {
    return this.connection.kind;
  }

  /** The file, or DATABASE_URL without its password. */
  get location(): string {
    return this.connection.location;
  }

  get db(): Kysely<Database> {
    return this.connection.db;
  }

  health(): DatabaseHealth {
    return this.status.snapshot(this.writes.size);
  }

  /** Checks now whether PostgreSQL answers (a connection of the pool just died). */
  checkNow(): void {
    if (this.connection.kind !== 'postgres' || this.closed) return;
    clearTimeout(this.heartbeat);
    void this.beat();
  }

  /** Gives queued writes a moment to reach the database, then closes it; answers how many writes were left unwritten. */
  async close(): Promise<number> {
    if (this.closed) return 0;
    this.closed = true;
    clearTimeout(this.heartbeat);
    const unwritten = await this.writes.close(CLOSE_FLUSH_MS);
    await this.connection.db.destroy();
    return unwritten;
  }

  private scheduleHeartbeat(): void {
    if (this.connection.kind !== 'postgres' || this.closed) return;
    const [whileReachable, whileAway] = this.heartbeatMs;
    this.heartbeat = setTimeout(() => void this.beat(), this.status.reachable ? whileReachable : whileAway);
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    try {
      await ping(this.connection.db);
      this.status.up();
      this.writes.retryNow();
    } catch (error) {
      if (this.closed) return;
      this.status.down(isTransientDatabaseError(error) ? outageReason(error) : `the database answers with errors: ${outageReason(error)}`);
    }
    this.scheduleHeartbeat();
  }
}

/** SECRET_KEY, or the key file's when it is unset (SQLite); `mustExist` when the database already holds secrets. */
function secretKey(options: PersistenceOptions, mustExist: boolean, notes: string[]): { key: string; source: string } {
  if (options.secretKey !== undefined) return { key: options.secretKey, source: 'SECRET_KEY' };
  if (options.kind !== 'sqlite' || options.dataDir === null) throw new Error('A secret key is required here');
  const file = secretKeyFromFile(options.dataDir, mustExist);
  if (file.created) notes.push(`SECRET_KEY is not set: generated one into ${file.file} (keep it with your backups)`);
  if (file.warning) notes.push(file.warning);
  return { key: file.key, source: file.file };
}

/** Proves that `box` opens the secrets this database holds, or stores the proof for the next start. */
async function checkKey(settings: SettingsRepository, box: SecretBox, stored: string | null, source: string, location: string): Promise<void> {
  const proof = stored ?? (await settings.putIfAbsent(KEY_CHECK, box.seal(KEY_CHECK, KEY_CHECK)));
  try {
    box.open(proof, KEY_CHECK);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new PersistenceStartError(
      `SECRET_KEY: the database at ${location} holds secrets sealed with key ${SecretBox.keyIdOf(proof) ?? '?'}, but the key from ${source} is ${box.keyId}: set the key they were stored with`,
    );
  }
}

/**
 * Opens the database the options name, checks it, migrates it and returns it ready. Any
 * problem is a PersistenceStartError with one line saying what to fix; nothing is reset.
 */
export async function openPersistence(options: PersistenceOptions): Promise<Persistence> {
  const status = new DatabaseStatus(options.kind);
  let persistence: Persistence | undefined;
  const connection =
    options.kind === 'sqlite'
      ? openSqlite(options.dataDir === null ? ':memory:' : join(options.dataDir, SQLITE_FILE))
      : await connectPostgres(options.url, () => persistence?.checkNow());
  try {
    const notes: string[] = [];
    const applied = await migrate(connection);
    if (applied.length > 0) notes.push(`Migrated the database at ${connection.location}: ${applied.join(', ')}`);
    const settings = new SettingsRepository(connection.db);
    const proof = await settings.get(KEY_CHECK);
    const { key, source } = secretKey(options, proof !== null, notes);
    const box = new SecretBox([key]);
    await checkKey(settings, box, proof, source, connection.location);
    const writes = new WriteQueue(connection.db, status, {
      capacity: options.writeQueueCapacity ?? 10_000,
      retryDelayMs: [250, 5000],
      onFailure: options.onWriteFailure,
    });
    persistence = new Persistence(connection, status, writes, new StoredSecrets(settings, box), notes, options.heartbeatMs ?? [15_000, 2000]);
    return persistence;
  } catch (error) {
    await connection.db.destroy().catch(() => undefined);
    if (error instanceof PersistenceStartError) throw error;
    throw new PersistenceStartError(`Cannot prepare the database at ${connection.location}: ${reason(error)}`);
  }
}
