import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { MAX_STREAM_SPACES, MAX_STREAM_SPACES_LENGTH } from '../../stream/dto/stream-query.dto';
import { E2E_TOKENS } from './e2e-scenario';
import { E2E_API_KEY, E2E_PASSWORD, login, startE2e, type E2eContext } from './e2e-harness';

/**
 * Issue §3: every kind of bad input against the real application (loopback HTTP, the hub
 * emulator as the Hub). Each is answered with a clear 4xx and `{ error, code }`, nothing
 * reaches the Hub, and afterwards the process still serves and has logged no error.
 *
 * Requests go out through node:http with the path exactly as written: fetch() would
 * normalise `..` and `%2e%2e` away before sending.
 */

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

interface Send {
  headers?: Record<string, string>;
  body?: string | Buffer;
}

function send(base: string, method: string, path: string, options: Send = {}): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, method, path, headers: options.headers ?? {}, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    if (options.body !== undefined) outgoing.write(options.body);
    outgoing.end();
  });
}

/** The body of an error answer, checked to be exactly `{ error, code }` with a readable message. */
function errorBody(reply: Reply): { error: string; code: string } {
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(reply.text) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['code', 'error']);
  expect(typeof body['error']).toBe('string');
  expect((body['error'] as string).length).toBeGreaterThan(0);
  expect(body['code']).toMatch(/^[A-Z_]+$/);
  return body as { error: string; code: string };
}

function expectError(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: errorBody(reply).code }).toEqual({ status, code });
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const LOGIN = '/api/v1/auth/login';
const VALID_LOGIN = JSON.stringify({ username: 'admin', password: E2E_PASSWORD });

/** Invalid owner or name forms, as they appear in a path, and the code each must get. */
const INVALID_SEGMENTS: readonly (readonly [label: string, segment: string, code: string])[] = [
  ['"..", raw', '..', 'INVALID_SPACE_ID'],
  ['"..", percent-encoded', '%2e%2e', 'INVALID_SPACE_ID'],
  ['".", raw', '.', 'INVALID_SPACE_ID'],
  ['an encoded slash', 'a%2Fb', 'INVALID_SPACE_ID'],
  ['an encoded traversal', '%2e%2e%2F%2e%2e%2Fapi', 'INVALID_SPACE_ID'],
  ['an encoded backslash', 'a%5Cb', 'INVALID_SPACE_ID'],
  ['an encoded NUL', 'a%00b', 'INVALID_SPACE_ID'],
  ['97 characters', 'a'.repeat(97), 'INVALID_SPACE_ID'],
  ['4000 characters', 'a'.repeat(4000), 'INVALID_SPACE_ID'],
  ['unicode letters', encodeURIComponent('用户'), 'INVALID_SPACE_ID'],
  ['a unicode look-alike', encodeURIComponent('spаce1'), 'INVALID_SPACE_ID'],
  ['an emoji', encodeURIComponent('🚀'), 'INVALID_SPACE_ID'],
  ['a leading dash', '-space1', 'INVALID_SPACE_ID'],
  ['a double dash', 'a--b', 'INVALID_SPACE_ID'],
  ['a space', 'a%20b', 'INVALID_SPACE_ID'],
  ['a query-string delimiter', 'a%3Fb%3Dc', 'INVALID_SPACE_ID'],
  ['a broken percent-encoding', '%E0%A4%A', 'VALIDATION_FAILED'],
];

type Route = 'detail' | 'metric history' | 'action' | 'external info' | 'external action';
const ROUTES: readonly Route[] = ['detail', 'metric history', 'action', 'external info', 'external action'];

describe('bad input (e2e)', () => {
  let context: E2eContext;
  let asUser: Record<string, string>;
  const asKey = { Authorization: `Bearer ${E2E_API_KEY}` };

  beforeAll(async () => {
    context = await startE2e();
    asUser = { Authorization: `Bearer ${await login(context)}` };
  }, 60_000);

  afterAll(() => context.close());

  const call = (method: string, path: string, options?: Send) => send(context.url, method, path, options);

  /** The request of `route` for `owner`/`name`, with the credentials that get it past the guards to validation. */
  function routeRequest(route: Route, owner: string, name: string): [method: string, path: string, options: Send] {
    switch (route) {
      case 'detail':
        return ['GET', `/api/v1/spaces/${owner}/${name}`, {}];
      case 'metric history':
        return ['GET', `/api/v1/spaces/${owner}/${name}/metrics`, {}];
      case 'action':
        return ['POST', `/api/v1/spaces/${owner}/${name}/restart`, { headers: asUser }];
      case 'external info':
        return ['GET', `/api/v1/info/${E2E_TOKENS.user1Write}/${owner}/${name}`, { headers: asKey }];
      case 'external action':
        return ['POST', `/api/v1/action/${E2E_TOKENS.user1Write}/${owner}/${name}/restart`, { headers: asKey }];
    }
  }

  describe('bodies', () => {
    it.each([
      ['cut off', '{"username":"admin","password":'],
      ['a trailing comma', '{"username":"admin","password":"x",}'],
      ['single quotes', "{'username':'admin','password':'x'}"],
      ['not JSON at all', 'username=admin&password=x'],
      ['a bare string', '"admin"'],
      ['null', 'null'],
      ['an empty object', '{}'],
      ['an array', '[{"username":"admin","password":"x"}]'],
    ])('answers 400 VALIDATION_FAILED to a malformed login body: %s', async (_case, body) => {
      expectError(await call('POST', LOGIN, { headers: JSON_HEADERS, body }), 400, 'VALIDATION_FAILED');
    });

    it('answers 400 to malformed JSON sent to a route that takes no body', async () => {
      const reply = await call('POST', '/api/v1/spaces/user1/space1/restart', { headers: { ...asUser, ...JSON_HEADERS }, body: '{"force":' });
      expectError(reply, 400, 'VALIDATION_FAILED');
    });

    it.each([
      ['an unknown property', '{"username":"admin","password":"x","role":"admin"}'],
      ['a number for a string', '{"username":"admin","password":12345678}'],
      ['an object for a string', '{"username":{"$ne":null},"password":"x"}'],
    ])('answers 400 VALIDATION_FAILED to a login body with %s', async (_case, body) => {
      expectError(await call('POST', LOGIN, { headers: JSON_HEADERS, body }), 400, 'VALIDATION_FAILED');
    });

    it.each([
      ['__proto__', '"__proto__":{"polluted":true}'],
      ['constructor.prototype', '"constructor":{"prototype":{"polluted":true}}'],
    ])('drops a %s key without effect: the login is judged on its credentials, no prototype is polluted', async (_case, extra) => {
      const body = `{"username":"admin","password":${JSON.stringify(E2E_PASSWORD)},${extra}}`;
      expect((await call('POST', LOGIN, { headers: JSON_HEADERS, body })).status).toBe(200);
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect({}).not.toHaveProperty('polluted');
    });

    it('answers 400 to a small body nested thousands of levels deep, instead of overflowing the stack', async () => {
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      expect(deep.length).toBeLessThan(16 * 1024);
      expectError(await call('POST', LOGIN, { headers: JSON_HEADERS, body: `{"username":${deep},"password":"x"}` }), 400, 'VALIDATION_FAILED');
      expectError(await call('POST', LOGIN, { headers: JSON_HEADERS, body: deep }), 400, 'VALIDATION_FAILED');
    });

    it('still reads a body nested a few levels deep (the limit is not too tight)', async () => {
      const body = `{"username":${'['.repeat(20)}${']'.repeat(20)},"password":"x"}`;
      // The depth check lets it through; validation then refuses the array where a string belongs.
      const reply = await call('POST', LOGIN, { headers: JSON_HEADERS, body });
      expectError(reply, 400, 'VALIDATION_FAILED');
      expect(errorBody(reply).error).not.toMatch(/nested/);
    });

    it('answers 413 PAYLOAD_TOO_LARGE to a body over 16 kB, with a length or chunked', async () => {
      const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(20_000) });
      expectError(await call('POST', LOGIN, { headers: JSON_HEADERS, body: big }), 413, 'PAYLOAD_TOO_LARGE');
      const chunked = await call('POST', LOGIN, { headers: { ...JSON_HEADERS, 'Transfer-Encoding': 'chunked' }, body: big });
      expectError(chunked, 413, 'PAYLOAD_TOO_LARGE');
      const toAction = await call('POST', '/api/v1/spaces/user1/space1/restart', { headers: { ...asUser, ...JSON_HEADERS }, body: big });
      expectError(toAction, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers 413 to a compressed body that inflates past the limit (a zip bomb), and 400 to one that is not compressed at all', async () => {
      const bomb = gzipSync(Buffer.from(JSON.stringify({ username: 'admin', password: '0'.repeat(1_000_000) })));
      expect(bomb.length).toBeLessThan(16 * 1024);
      expectError(await call('POST', LOGIN, { headers: { ...JSON_HEADERS, 'Content-Encoding': 'gzip' }, body: bomb }), 413, 'PAYLOAD_TOO_LARGE');
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const reply = await call('POST', LOGIN, { headers: { ...JSON_HEADERS, 'Content-Encoding': encoding }, body: VALID_LOGIN });
        expectError(reply, 400, 'VALIDATION_FAILED');
      }
    });

    it.each([
      ['text/plain', 'admin:password'],
      ['application/x-www-form-urlencoded', 'username=admin&password=x'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin\r\n--x--'],
      ['application/xml', '<login><username>admin</username></login>'],
      ['application/jsonp', VALID_LOGIN],
    ])('answers 415 UNSUPPORTED_MEDIA_TYPE to a %s body', async (type, body) => {
      expectError(await call('POST', LOGIN, { headers: { 'Content-Type': type }, body }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 415 to a body without a content type, an unsupported charset or an unknown content encoding', async () => {
      expectError(await call('POST', LOGIN, { body: VALID_LOGIN }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await call('POST', LOGIN, { headers: { 'Content-Type': 'application/json; charset=latin1' }, body: VALID_LOGIN }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await call('POST', LOGIN, { headers: { ...JSON_HEADERS, 'Content-Encoding': 'x-unknown' }, body: VALID_LOGIN }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 415 to a form post on an action route: a cross-site form cannot restart a Space', async () => {
      const reply = await call('POST', '/api/v1/spaces/user1/space1/restart', {
        headers: { ...asUser, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
      expectError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('owner and name', () => {
    const cases = ROUTES.flatMap((route) =>
      INVALID_SEGMENTS.flatMap(([label, segment, code]) => [
        [route, `${label} as the name`, 'user1', segment, code] as const,
        [route, `${label} as the owner`, segment, 'space1', code] as const,
      ]),
    );

    it.each(cases)('%s: answers 400 to %s', async (route, _label, owner, name, code) => {
      const [method, path, options] = routeRequest(route, owner, name);
      expectError(await call(method, path, options), 400, code);
    });

    it.each(INVALID_SEGMENTS.filter(([, , code]) => code === 'INVALID_SPACE_ID'))(
      'stream: answers 400 INVALID_SPACE_ID to ?spaces= naming %s, alone or in a list',
      async (_label, segment) => {
        expectError(await call('GET', `/api/v1/stream?spaces=user1/${segment}`), 400, 'INVALID_SPACE_ID');
        expectError(await call('GET', `/api/v1/stream?spaces=${segment}/space1`), 400, 'INVALID_SPACE_ID');
        expectError(await call('GET', `/api/v1/stream?spaces=user1/space1,user1/${segment}`), 400, 'INVALID_SPACE_ID');
      },
    );

    it('stream: answers 400 to ids that are not owner/name', async () => {
      for (const spaces of ['user1', 'user1/space1/extra', '/space1', 'user1/', ',', 'user1/space1,', '']) {
        expectError(await call('GET', `/api/v1/stream?spaces=${encodeURIComponent(spaces)}`), 400, 'INVALID_SPACE_ID');
      }
    });

    it('answers 400 to traversal segments between the route segments, which Express does not fold', async () => {
      expectError(await call('GET', '/api/v1/spaces/user1/../metrics'), 400, 'INVALID_SPACE_ID');
      expectError(await call('POST', '/api/v1/spaces/../space1/restart', { headers: asUser }), 400, 'INVALID_SPACE_ID');
      expectError(await call('GET', `/api/v1/info/${E2E_TOKENS.user1Write}/../..`, { headers: asKey }), 400, 'INVALID_SPACE_ID');
    });

    it('answers 404 NOT_FOUND (JSON, not the dashboard) to paths that match no route', async () => {
      expectError(await call('GET', '/api/v1/spaces/user1/space1/..'), 404, 'NOT_FOUND');
      expectError(await call('GET', '/api/v1/spaces/user1/space1/metrics/extra'), 404, 'NOT_FOUND');
      expectError(await call('GET', '/api/v1/spaces/a/b/c/d'), 404, 'NOT_FOUND');
    });
  });

  describe('unknown action', () => {
    it.each(['explode', 'RESTART', 'Restart', 'restart%20', 'restart%00', '__proto__', 'constructor', 'toString', 'a'.repeat(500)])(
      'answers 400 UNKNOWN_ACTION to /spaces/:owner/:name/%s, with a session or the key',
      async (action) => {
        expectError(await call('POST', `/api/v1/spaces/user1/space1/${action}`, { headers: asUser }), 400, 'UNKNOWN_ACTION');
        expectError(await call('POST', `/api/v1/spaces/user1/space1/${action}`, { headers: asKey }), 400, 'UNKNOWN_ACTION');
      },
    );

    it.each(['pause', 'resume', 'delete', 'explode', '__proto__'])('answers 400 UNKNOWN_ACTION to the external /action/…/%s', async (action) => {
      const reply = await call('POST', `/api/v1/action/${E2E_TOKENS.user1Write}/user1/space1/${action}`, { headers: asKey });
      expectError(reply, 400, 'UNKNOWN_ACTION');
    });

    it('answers 401 before looking at the action when the caller has neither session nor key', async () => {
      expectError(await call('POST', '/api/v1/spaces/user1/space1/explode'), 401, 'UNAUTHORIZED');
    });

    it('answers 404 to an action sent with GET', async () => {
      expectError(await call('GET', '/api/v1/spaces/user1/space1/restart'), 404, 'NOT_FOUND');
    });
  });

  describe('query flooding', () => {
    /** Several thousand parameters that still fit under Node's 16 kB header limit. */
    const distinct = Array.from({ length: 2000 }, (_, index) => `p${index}=`).join('&');
    const repeated = Array.from({ length: 1300 }, () => 'spaces=a/b').join('&');

    it('keeps the flood under the header limit, so the application itself sees it', () => {
      expect(`/api/v1/stream?${distinct}`.length).toBeLessThan(16 * 1024);
      expect(`/api/v1/stream?${repeated}`.length).toBeLessThan(16 * 1024);
    });

    it('answers 400 VALIDATION_FAILED to thousands of parameters on the stream', async () => {
      expectError(await call('GET', `/api/v1/stream?${distinct}`), 400, 'VALIDATION_FAILED');
    });

    it('answers 400 to a parameter repeated thousands of times, or twice', async () => {
      expectError(await call('GET', `/api/v1/stream?${repeated}`), 400, 'INVALID_SPACE_ID');
      expectError(await call('GET', '/api/v1/stream?spaces=user1/space1&spaces=user1/space3'), 400, 'INVALID_SPACE_ID');
    });

    it('answers 400 to bracket syntax, which is not parsed into objects', async () => {
      expectError(await call('GET', '/api/v1/stream?spaces[0]=user1/space1'), 400, 'VALIDATION_FAILED');
      expectError(await call('GET', '/api/v1/stream?spaces[__proto__][x]=1'), 400, 'VALIDATION_FAILED');
    });

    it(`answers 400 TOO_MANY_SPACES to a list of more than ${MAX_STREAM_SPACES} Spaces, or of more than ${MAX_STREAM_SPACES_LENGTH} characters`, async () => {
      const ids = Array.from({ length: MAX_STREAM_SPACES + 1 }, (_, index) => `u/s${index}`).join(',');
      expectError(await call('GET', `/api/v1/stream?spaces=${ids}`), 400, 'TOO_MANY_SPACES');
      const long = Array.from({ length: 60 }, (_, index) => `${'o'.repeat(90)}/${'n'.repeat(60)}${index}`).join(',');
      expect(long.length).toBeGreaterThan(MAX_STREAM_SPACES_LENGTH);
      expectError(await call('GET', `/api/v1/stream?spaces=${long}`), 400, 'TOO_MANY_SPACES');
    });

    it('answers routes that read no query as if there were none: the flood is ignored, not processed', async () => {
      const plain = await call('GET', '/api/v1/spaces/user1/space1', { headers: asUser });
      const flooded = await call('GET', `/api/v1/spaces/user1/space1?${distinct}`, { headers: asUser });
      expect(plain.status).toBe(200);
      expect(flooded.status).toBe(200);
      expect((JSON.parse(flooded.text) as { id: string }).id).toBe('user1/space1');
      expect((await call('GET', `/api/v1/health?${repeated}`)).status).toBe(200);
    });

    it('answers 400 with { error, code } to a URL of 8 kB that reaches the application', async () => {
      const reply = await call('GET', `/api/v1/spaces/user1/${'a'.repeat(8000)}`);
      expectError(reply, 400, 'INVALID_SPACE_ID');
      expectError(await call('GET', `/api/v1/stream?spaces=user1/${'a'.repeat(8000)}`), 400, 'INVALID_SPACE_ID');
    });

    it("answers 431 to a URL over Node's 16 kB header limit, before the application reads it", async () => {
      const reply = await call('GET', `/api/v1/spaces?${'x'.repeat(64 * 1024)}`);
      expect(reply.status).toBe(431);
      const header = await call('GET', '/api/v1/health', { headers: { 'X-Padding': 'x'.repeat(64 * 1024) } });
      expect(header.status).toBe(431);
    });
  });

  describe('afterwards', () => {
    it('sent nothing to the Hub for any of it: no mutation, no request outside the Hub routes', () => {
      expect(context.emulator.counters.requests({ method: 'POST' })).toBe(0);
      expect(context.emulator.counters.requests({ route: 'unknown' })).toBe(0);
    });

    it('still answers /api/v1/health with 200, and a valid request works', async () => {
      const health = await call('GET', '/api/v1/health');
      expect(health.status).toBe(200);
      expect((await call('POST', LOGIN, { headers: JSON_HEADERS, body: VALID_LOGIN })).status).toBe(200);
      expect((await call('GET', '/api/v1/spaces/user1/space1')).status).toBe(200);
    });

    it('logged no line at level error or fatal, and answered no request with a 5xx', () => {
      const lines = context.logs.map((line) => JSON.parse(line) as { level: number; msg?: string; res?: { statusCode?: number } });
      expect(lines.length).toBeGreaterThan(100);
      expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
      expect(lines.filter((line) => (line.res?.statusCode ?? 0) >= 500)).toEqual([]);
      // The bad requests were seen and logged as client errors.
      expect(lines.filter((line) => line.level === 40 && (line.res?.statusCode ?? 0) >= 400).length).toBeGreaterThan(100);
    });
  });
});
