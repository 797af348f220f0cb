import { createSecretScrubber, createUrlRedactor } from './log-redaction';

/** The application's routes as Express holds them: the original's token routes among others. */
const ROUTES = [
  '/api/v1/spaces',
  '/api/v1/spaces/:owner/:name',
  '/api/v1/info/:token',
  '/api/v1/info/:token/:owner/:name',
  '/api/v1/action/:token/:owner/:name/:action',
];

describe('createUrlRedactor', () => {
  const redactUrl = createUrlRedactor(() => ROUTES);

  it.each([
    ['/api/v1/info/hf_abc123', '/api/v1/info/[REDACTED]'],
    ['/api/v1/info/tok/user1/space1', '/api/v1/info/[REDACTED]/user1/space1'],
    ['/api/v1/action/tok/user1/space1/restart?x=1', '/api/v1/action/[REDACTED]/user1/space1/restart?x=1'],
  ])('hides the token of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    ['another case', '/api/V1/info/secret-token-1', '/api/V1/info/[REDACTED]'],
    ['every segment in upper case', '/API/V1/INFO/secret-token-1/user1/space1', '/API/V1/INFO/[REDACTED]/user1/space1'],
    ['a trailing slash', '/api/v1/Action/secret-token-1/user1/space1/restart/', '/api/v1/Action/[REDACTED]/user1/space1/restart/'],
    ['a percent-encoded token', '/api/v1/info/secret%2Ftoken%3D', '/api/v1/info/[REDACTED]'],
    ['an absolute-form target', 'http://evil.example/api/V1/info/secret-token-1?a=b', '/api/V1/info/[REDACTED]?a=b'],
    ['a fragment', '/api/v1/info/secret-token-1#x', '/api/v1/info/[REDACTED]#x'],
  ])('hides the token of the route a URL is routed to, whatever its spelling: %s', (_case, url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('hides the token of a URL no route matched, in any case (a 404 logs its URL too)', () => {
    expect(redactUrl('/api/V1/INFO/secret-token-1/a/b/c/d')).toBe('/api/V1/INFO/[REDACTED]/a/b/c/d');
  });

  it('reads the routes again when they change', () => {
    let routes = ['/api/v1/spaces'];
    const redact = createUrlRedactor(() => routes);
    expect(redact('/api/v1/keys/secret-token-1')).toBe('/api/v1/keys/secret-token-1');
    routes = [...routes, '/api/v1/keys/:token'];
    expect(redact('/api/v1/KEYS/secret-token-1')).toBe('/api/v1/KEYS/[REDACTED]');
  });

  it('leaves other paths alone', () => {
    expect(redactUrl('/api/v1/spaces/user1/space1')).toBe('/api/v1/spaces/user1/space1');
    expect(redactUrl('/api/v1/spaces/info/token')).toBe('/api/v1/spaces/info/token');
  });
});

describe('createSecretScrubber', () => {
  it('replaces every configured secret, wherever it appears', () => {
    const scrub = createSecretScrubber(['demo-alice-write', 'my-api-key']);
    expect(scrub('{"msg":"token demo-alice-write and key my-api-key, again demo-alice-write"}')).toBe(
      '{"msg":"token [REDACTED] and key [REDACTED], again [REDACTED]"}',
    );
  });

  it('replaces token-shaped strings that were never configured', () => {
    expect(createSecretScrubber([])('GET /x?t=hf_AbCdEfGhIjKlMnOp')).toBe('GET /x?t=[REDACTED]');
  });

  it('replaces a secret percent-encoded in a URL, in upper or lower case hex', () => {
    const scrub = createSecretScrubber(['Zm9v+YmFy/YmF6==']);
    expect(scrub('GET /x?k=Zm9v%2BYmFy%2FYmF6%3D%3D and /y?k=Zm9v%2bYmFy%2fYmF6%3d%3d')).toBe('GET /x?k=[REDACTED] and /y?k=[REDACTED]');
    expect(scrub('raw Zm9v+YmFy/YmF6==')).toBe('raw [REDACTED]');
  });

  it('treats secrets as text, not patterns', () => {
    expect(createSecretScrubber(['a.b*c'])('xa.b*cx aXbbc')).toBe('x[REDACTED]x aXbbc');
  });
});
