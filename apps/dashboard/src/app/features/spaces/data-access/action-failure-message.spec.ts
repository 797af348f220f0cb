import { ERROR_CODES, type ErrorCode } from '@hfd/contracts';
import { actionFailureMessage } from './action-failure-message';

const failure = (status: number, code: ErrorCode | null = null, retryAfterSeconds: number | null = null) => ({
  status,
  code,
  retryAfterSeconds,
});

describe('actionFailureMessage', () => {
  it('stays silent on 401: the session notice already said it', () => {
    expect(actionFailureMessage(failure(401, ERROR_CODES.sessionRevoked), 'a/b')).toBeNull();
  });

  it('names the account whose token cannot write', () => {
    expect(actionFailureMessage(failure(403, ERROR_CODES.tokenCannotWrite), 'bob/keepalive')).toEqual({
      key: 'errors.tokenCannotWrite',
      params: { account: 'bob' },
    });
  });

  it('gives the wait of a Hub rate limit when known', () => {
    expect(actionFailureMessage(failure(429, ERROR_CODES.hubRateLimited, 42), 'a/b')).toEqual({
      key: 'errors.hubRateLimitedRetry',
      params: { seconds: 42 },
    });
    expect(actionFailureMessage(failure(429, ERROR_CODES.hubRateLimited), 'a/b')?.key).toBe('errors.hubRateLimited');
  });

  it('maps the Hub gateway errors', () => {
    expect(actionFailureMessage(failure(503, ERROR_CODES.hubUnavailable), 'a/b')?.key).toBe('errors.hubUnavailable');
    expect(actionFailureMessage(failure(504, ERROR_CODES.hubTimeout), 'a/b')?.key).toBe('errors.hubTimeout');
    expect(actionFailureMessage(failure(502), 'a/b')?.key).toBe('errors.hubUnavailable');
  });

  it('names a Space that no longer exists, and reports an unreachable server', () => {
    expect(actionFailureMessage(failure(404, ERROR_CODES.spaceNotFound), 'a/b')).toEqual({
      key: 'errors.spaceNotFound',
      params: { space: 'a/b' },
    });
    expect(actionFailureMessage(failure(0), 'a/b')?.key).toBe('errors.network');
  });

  it('says a static Space takes no actions, rather than "HTTP 400"', () => {
    expect(actionFailureMessage(failure(400, ERROR_CODES.staticSpace), 'a/site')).toEqual({
      key: 'errors.staticSpace',
      params: { space: 'a/site' },
    });
  });

  it('falls back to the status for anything else', () => {
    expect(actionFailureMessage(failure(500, ERROR_CODES.internalError), 'a/b')).toEqual({
      key: 'errors.unexpected',
      params: { status: 500 },
    });
  });
});
