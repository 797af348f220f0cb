import { HubBadRequestError } from './hf-client.errors';
import { buildUrl, followLink, parseSpaceId, spacePath } from './hub-url';

describe('parseSpaceId', () => {
  it('splits owner/name', () => {
    expect(parseSpaceId('user/tmp_test_space')).toEqual({ owner: 'user', name: 'tmp_test_space' });
  });

  it.each(['', 'alone', '/name', 'owner/', 'a/b/c', '../x', 'x/..', './x', 'x/.'])('refuses %j', (id) => {
    expect(() => parseSpaceId(id)).toThrow(HubBadRequestError);
  });
});

describe('spacePath', () => {
  it('encodes owner and name as separate segments, keeping the slash between them', () => {
    expect(spacePath('/api/spaces', { owner: 'my org', name: 'a?b#c' }, 'runtime')).toBe('/api/spaces/my%20org/a%3Fb%23c/runtime');
    expect(spacePath('/v1', { owner: 'o', name: 'n%2F' }, 'live-metrics', 'sse')).toBe('/v1/o/n%252F/live-metrics/sse');
  });
});

describe('buildUrl', () => {
  it('repeats array parameters and skips undefined ones', () => {
    expect(buildUrl('http://hub/', '/api/spaces', { author: 'a b', limit: 5, expand: ['runtime', 'sdk'], cursor: undefined })).toBe(
      'http://hub/api/spaces?author=a+b&limit=5&expand=runtime&expand=sdk',
    );
  });

  it('keeps a path prefix of the base', () => {
    expect(buildUrl('http://proxy/hf', '/api/whoami-v2')).toBe('http://proxy/hf/api/whoami-v2');
  });
});

describe('followLink', () => {
  it('follows a next link on the configured origin as it is', () => {
    expect(followLink('http://127.0.0.1:9000', 'http://127.0.0.1:9000/api/spaces?a=1', 'http://127.0.0.1:9000/api/spaces?a=1&cursor=x')).toBe(
      'http://127.0.0.1:9000/api/spaces?a=1&cursor=x',
    );
  });

  it('resolves a relative link against the current page', () => {
    expect(followLink('http://hub', 'http://hub/api/spaces?a=1', '/api/spaces?cursor=2')).toBe('http://hub/api/spaces?cursor=2');
  });

  it('moves a link to another origin onto the configured base, so the token stays home', () => {
    expect(followLink('http://proxy/hf', 'http://proxy/hf/api/spaces', 'https://evil.example/api/spaces?cursor=x')).toBe(
      'http://proxy/hf/api/spaces?cursor=x',
    );
  });
});
