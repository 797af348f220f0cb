import {
  HubBadRequestError,
  HubForbiddenError,
  HubNotFoundError,
  HubRateLimitedError,
  HubUnauthorizedError,
  HubUnavailableError,
} from './hf-client.errors';
import { hubErrorFromFailure, hubErrorFromResponse, type ErrorContext } from './hub-error-mapping';

const space: ErrorContext = { method: 'GET', route: 'GET /api/spaces/{owner}/{name}', subject: 'alice/app', spaceScoped: true, token: 'hf_secret' };
const anonymous: ErrorContext = { ...space, token: null };
const json = (error: string, headers: Record<string, string> = {}) =>
  [new Headers({ 'content-type': 'application/json', ...headers }), JSON.stringify({ error })] as const;

describe('hubErrorFromResponse', () => {
  it('maps a bad token to HubUnauthorizedError, even on public data', () => {
    const [headers, body] = json('Invalid credentials in Authorization header');
    expect(hubErrorFromResponse(401, headers, body, space, 0)).toBeInstanceOf(HubUnauthorizedError);
    expect(hubErrorFromResponse(401, headers, body, anonymous, 0)).toBeInstanceOf(HubUnauthorizedError);
  });

  it('maps an anonymous 401 on a Space route to HubNotFoundError (missing or private)', () => {
    const [headers, body] = json('Invalid username or password.', { 'x-error-code': 'RepoNotFound' });
    expect(hubErrorFromResponse(401, headers, body, anonymous, 0)).toBeInstanceOf(HubNotFoundError);
    const [plainHeaders, plainBody] = json('Invalid username or password.');
    expect(hubErrorFromResponse(401, plainHeaders, plainBody, anonymous, 0)).toBeInstanceOf(HubNotFoundError);
  });

  it('maps an anonymous mutation refused for the missing login to HubUnauthorizedError', () => {
    const [headers, body] = json('Invalid username or password.');
    const restart: ErrorContext = { ...anonymous, method: 'POST', route: 'POST /api/spaces/{owner}/{name}/restart' };
    expect(hubErrorFromResponse(401, headers, body, restart, 0)).toBeInstanceOf(HubUnauthorizedError);
    const [codeHeaders] = json('Invalid username or password.', { 'x-error-code': 'RepoNotFound' });
    expect(hubErrorFromResponse(401, codeHeaders, body, restart, 0)).toBeInstanceOf(HubNotFoundError);
  });

  it('maps a 401 with a token on whoami (a revoked token) to HubUnauthorizedError', () => {
    const [headers, body] = json('Invalid username or password.');
    const whoami: ErrorContext = { method: 'GET', route: 'GET /api/whoami-v2', spaceScoped: false, token: 'hf_revoked' };
    expect(hubErrorFromResponse(401, headers, body, whoami, 0)).toBeInstanceOf(HubUnauthorizedError);
    expect(hubErrorFromResponse(401, headers, body, space, 0)).toBeInstanceOf(HubUnauthorizedError);
  });

  it.each([
    [400, HubBadRequestError],
    [403, HubForbiddenError],
    [404, HubNotFoundError],
    [406, HubBadRequestError],
    [409, HubBadRequestError],
    [500, HubUnavailableError],
    [502, HubUnavailableError],
    [503, HubUnavailableError],
  ])('maps %i', (status, type) => {
    const [headers, body] = json('reason');
    expect(hubErrorFromResponse(status, headers, body, space, 0)).toBeInstanceOf(type);
  });

  it('carries status, message, code and request id, and names the route', () => {
    const [headers, body] = json('Repository not found', { 'x-error-code': 'RepoNotFound', 'x-request-id': 'Root=1-abc' });
    const error = hubErrorFromResponse(404, headers, body, space, 0);
    expect(error).toMatchObject({ status: 404, hubMessage: 'Repository not found', errorCode: 'RepoNotFound', requestId: 'Root=1-abc' });
    expect(error.message).toBe('Hub GET /api/spaces/{owner}/{name} (alice/app) answered 404: Repository not found');
  });

  it('gives a 429 its wait', () => {
    const error = hubErrorFromResponse(429, new Headers(), '', space, 56_000);
    expect(error).toBeInstanceOf(HubRateLimitedError);
    expect((error as HubRateLimitedError).retryAfterMs).toBe(56_000);
    expect((error as HubRateLimitedError).retryAt).toBeGreaterThan(Date.now() + 50_000);
  });

  it('marks 5xx as server trouble and 408 as a timeout', () => {
    expect(hubErrorFromResponse(503, new Headers(), '<html>', space, 0)).toMatchObject({ reason: 'server', hubMessage: undefined });
    expect(hubErrorFromResponse(408, new Headers(), '', space, 0)).toMatchObject({ reason: 'timeout' });
  });

  it('never lets a token the Hub echoed reach the message', () => {
    const [headers, body] = json('token hf_secret is not allowed here');
    const error = hubErrorFromResponse(403, headers, body, space, 0);
    expect(error.message).not.toContain('hf_secret');
    expect(error.hubMessage).toBe('token [redacted] is not allowed here');
  });
});

describe('hubErrorFromFailure', () => {
  it('says whether the connection failed or the time ran out', () => {
    const cause = new Error('ECONNREFUSED');
    expect(hubErrorFromFailure('network', space, 1000, cause)).toMatchObject({ status: null, reason: 'network', cause });
    expect(hubErrorFromFailure('timeout', space, 1500, cause).message).toBe('Hub GET /api/spaces/{owner}/{name} (alice/app): no answer within 1500 ms');
  });
});
