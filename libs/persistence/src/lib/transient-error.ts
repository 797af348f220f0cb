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
