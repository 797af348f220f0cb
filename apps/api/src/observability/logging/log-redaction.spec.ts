import { createSecretScrubber, redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/api/v1/info/hf_abc123', '/api/v1/info/[REDACTED]'],
    ['/api/v1/info/tok/user1/space1', '/api/v1/info/[REDACTED]/user1/space1'],
    ['/api/v1/action/tok/user1/space1/restart?x=1', '/api/v1/action/[REDACTED]/user1/space1/restart?x=1'],
  ])('hides the token of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('leaves other paths alone', () => {
    expect(redactUrl('/api/v1/spaces/user1/space1')).toBe('/api/v1/spaces/user1/space1');
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
