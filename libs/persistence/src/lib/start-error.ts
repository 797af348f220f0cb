/**
 * Why the server cannot start on its storage, as one line naming the variable or file to fix
 * (DATABASE_URL, DATA_DIR, SECRET_KEY, the database file). The server prints it and exits
 * non-zero; it never works around the problem by resetting or recreating stored data.
 */
export class PersistenceStartError extends Error {
  override readonly name = 'PersistenceStartError';
}

/** Duck-typed: errors of Node's own modules are not `instanceof Error` in every realm (Jest's, for one). */
function errorLike(value: unknown): value is { message: string; name?: unknown; code?: unknown; errors?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** An error's own message, for the end of a one-line explanation. */
export function reason(error: unknown): string {
  if (!errorLike(error)) return String(error);
  // Node reports a refused connection to every address of a name (::1 and 127.0.0.1) as one AggregateError without a message.
  if (!error.message && Array.isArray(error.errors) && error.errors.length > 0) return reason(error.errors[0]);
  return error.message.split('\n')[0].trim() || String(error.code ?? error.name ?? 'unknown error');
}
