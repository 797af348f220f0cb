import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ERROR_CODES } from '@hfd/contracts';
import { parseRetryAfter, toApiFailure } from './api-failure';

describe('api failures', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('takes the status, the machine code and the wait from an error response', () => {
    const error = new HttpErrorResponse({
      status: 429,
      error: { error: 'Slow down', code: ERROR_CODES.hubRateLimited },
      headers: new HttpHeaders({ 'Retry-After': '12' }),
    });
    expect(toApiFailure(error)).toEqual({ status: 429, code: 'HUB_RATE_LIMITED', retryAfterSeconds: 12 });
  });

  it('ignores a body that is not one of ours', () => {
    const error = new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' });
    expect(toApiFailure(error)).toEqual({ status: 502, code: null, retryAfterSeconds: null });
    expect(toApiFailure(new Error('boom')).status).toBe(0);
  });
});
