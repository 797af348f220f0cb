import { isTransientDatabaseError, outageReason } from './transient-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['an unresolved host', withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND')],
    ['PostgreSQL shutting down (pg_terminate_backend)', withCode('terminating connection due to administrator command', '57P01')],
    ['PostgreSQL starting up', withCode('the database system is starting up', '57P03')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['a connection that died without a code', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['SQLite locked by another process', withCode('database is locked', 'SQLITE_BUSY')],
    ['a full disk', withCode('database or disk is full', 'SQLITE_FULL')],
  ])('retries after %s', (_what, error) => expect(isTransientDatabaseError(error)).toBe(true));

  it.each([
    ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['SQLite refusing a duplicate', withCode('UNIQUE constraint failed: sessions.id', 'SQLITE_CONSTRAINT_PRIMARYKEY')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['something that is not an error', 'ECONNREFUSED'],
  ])('does not retry %s', (_what, error) => expect(isTransientDatabaseError(error)).toBe(false));
});

describe('outageReason', () => {
  it('says what happened in words and code, never quoting a host', () => {
    expect(outageReason(withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'))).toBe('connection refused (ECONNREFUSED)');
    expect(outageReason(withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND'))).toBe('host name not resolved (ENOTFOUND)');
    expect(outageReason(withCode('terminating connection due to administrator command', '57P01'))).toBe('the database server shut down (57P01)');
    expect(outageReason(withCode('database or disk is full', 'SQLITE_FULL'))).toBe('disk full (SQLITE_FULL)');
    expect(outageReason(new Error('Connection terminated unexpectedly'))).toBe('connection lost');
    expect(outageReason(new Error('Query read timeout'))).toBe('no answer in time');
    expect(outageReason(withCode('relation "x" does not exist at 10.0.0.5', '42P01'))).toBe('database error (42P01)');
  });
});
