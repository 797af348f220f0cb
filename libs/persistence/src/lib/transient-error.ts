/** Socket failures: the database host is away, not the query wrong. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * PostgreSQL SQLSTATEs worth waiting out: shutdown and start-up (57P01-57P03), too many
 * connections, and conflicts a retry resolves. Class 08 (connection exception) is matched whole.
 */
const POSTGRES_RETRYABLE = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);

/** What node-postgres throws without a code when the connection dies or never comes. */
const POSTGRES_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /is not queryable/,
];

/** SQLite: another process holds the lock, or the disk failed or filled up. */
const SQLITE_RETRYABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL)/;

/**
 * True when `error` means the database could not be reached or could not take the write right
 * now, so the same write should be tried again later; false when the write itself is wrong.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || POSTGRES_RETRYABLE.has(code) || code.startsWith('08') || SQLITE_RETRYABLE.test(code)) return true;
  }
  return typeof message === 'string' && POSTGRES_CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/** Words for an outage by error code: what the operator needs, without the host, port or query. */
const OUTAGE_BY_CODE: ReadonlyArray<[RegExp, string]> = [
  [/^ECONNREFUSED$/, 'connection refused'],
  [/^(ECONNRESET|EPIPE)$/, 'connection lost'],
  [/^ETIMEDOUT$/, 'connection timed out'],
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'host name not resolved'],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN)$/, 'network unreachable'],
  [/^57P0[12]$/, 'the database server shut down'],
  [/^57P03$/, 'the database server is starting up'],
  [/^53300$/, 'too many connections'],
  [/^08/, 'connection failed'],
  [/^SQLITE_FULL/, 'disk full'],
  [/^SQLITE_IOERR/, 'disk I/O error'],
  [/^SQLITE_(BUSY|LOCKED)/, 'database locked by another process'],
];

/**
 * Why the database cannot take writes, in a few words and the error's code: safe to show on
 * the public /health route, as it never quotes the message (which may name an internal host).
 */
export function outageReason(error: unknown): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const words = OUTAGE_BY_CODE.find(([pattern]) => pattern.test(code))?.[1] ?? 'database error';
    return `${words} (${code})`;
  }
  if (typeof message === 'string' && /timeout/i.test(message)) return 'no answer in time';
  if (typeof message === 'string' && /terminated|not queryable/i.test(message)) return 'connection lost';
  return 'database error';
}
