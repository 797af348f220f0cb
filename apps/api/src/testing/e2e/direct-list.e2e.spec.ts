import type { SpacesListResponse } from '@hfd/contracts';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { AuthGuard } from '../../auth/auth.guard';
import { LIST_PATH } from '../../spaces/list-response';
import { E2E_API_KEY, E2E_PASSWORD, eventually, startE2e, type E2eContext } from './e2e-harness';
import { adminToken, call, createKey, createUser, GOOD_PASSWORD, loginAs } from './people-helpers';

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** As it came, still compressed when it was. */
  body: Buffer;
}

function rawRequest(context: E2eContext, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<RawReply> {
  const { hostname, port } = new URL(context.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Headers that say when, not what: compared apart. */
function withoutClock(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { date: _date, age: _age, ...rest } = headers;
  return rest;
}

/** The same request answered by the direct route and, through Express, by the controller (a trailing slash is the same route to Express only). */
async function bothWays(context: E2eContext, headers: Record<string, string>): Promise<{ direct: RawReply; controller: RawReply }> {
  const direct = await rawRequest(context, LIST_PATH, headers);
  const controller = await rawRequest(context, `${LIST_PATH}/`, headers);
  return { direct, controller };
}

describe('the direct list route (e2e)', () => {
  let context: E2eContext;
  // Nest's guard runs for a request that Express routed (the controller's answer), never for a direct one.
  const nestGuard = jest.spyOn(AuthGuard.prototype, 'canActivate');
  let bearers: Record<string, string>;

  /** Whether Express and the controller answered `send()`'s request, not the direct route. */
  async function answeredByController(send: () => Promise<unknown>): Promise<boolean> {
    const before = nestGuard.mock.calls.length;
    await send();
    return nestGuard.mock.calls.length > before;
  }

  beforeAll(async () => {
    context = await startE2e({ env: { CORS_ORIGINS: 'https://allowed.example' } });
    await eventually(async () => ((await (await fetch(`${context.url}${LIST_PATH}`)).json()) as SpacesListResponse).refreshing === false);
    const admin = await adminToken(context);
    await createUser(context, admin, 'scoped-viewer', 'viewer', ['user1']);
    const loggedOut = (await loginAs(context, 'admin', E2E_PASSWORD)).accessToken;
    expect((await call(context, 'POST', '/auth/logout', loggedOut)).status).toBe(204);
    bearers = {
      'an admin session': admin,
      'a scoped viewer session': (await loginAs(context, 'scoped-viewer', GOOD_PASSWORD)).accessToken,
      'a logged-out session': loggedOut,
      'the API key': E2E_API_KEY,
      'a scoped named key': (await createKey(context, admin, 'direct-list-key', 'viewer', ['user2'])).key,
      'a malformed bearer': 'not-a-token',
    };
  });
  afterAll(async () => {
    nestGuard.mockRestore();
    await context.close();
  });

  const callers = ['nobody', 'an admin session', 'a scoped viewer session', 'a logged-out session', 'the API key', 'a scoped named key', 'a malformed bearer'];
  const encodings = [null, 'gzip', 'gzip, deflate, br, zstd'];
  it.each(callers.flatMap((caller) => encodings.map((encoding) => [caller, encoding] as const)))(
    'answers %s (Accept-Encoding: %s) without the controller, with the status, headers and bytes the controller answers',
    async (caller, encoding) => {
      const headers: Record<string, string> = {};
      if (caller !== 'nobody') headers['authorization'] = `Bearer ${bearers[caller]}`;
      if (encoding !== null) headers['accept-encoding'] = encoding;
      let replies: { direct: RawReply; controller: RawReply } | undefined;
      expect(await answeredByController(async () => (replies = await bothWays(context, headers)))).toBe(true);
      const { direct, controller } = replies as { direct: RawReply; controller: RawReply };
      expect(direct.status).toBe(200);
      expect(withoutClock(direct.headers)).toEqual(withoutClock(controller.headers));
      expect(Math.abs(Number(direct.headers.age) - Number(controller.headers.age))).toBeLessThanOrEqual(1);
      expect(direct.body.equals(controller.body)).toBe(true);
      expect(await answeredByController(() => rawRequest(context, LIST_PATH, headers))).toBe(false);
    },
  );

  it('shows each caller what the controller shows it: private Spaces to a session, its own accounts to a scoped one, nothing private to a logged-out session', async () => {
    const ids = async (bearer?: string) =>
      ((await (await fetch(`${context.url}${LIST_PATH}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} })).json()) as SpacesListResponse).spaces
        .filter((space) => space.private)
        .map((space) => space.owner);
    expect(await ids()).toEqual([]);
    expect(await ids(bearers['a logged-out session'])).toEqual([]);
    expect(new Set(await ids(bearers['an admin session'])).size).toBeGreaterThan(1);
    expect(new Set(await ids(bearers['a scoped viewer session']))).toEqual(new Set(['user1']));
  });

  it('answers 304 to If-None-Match with the headers the controller sends with its 304', async () => {
    const etag = (await rawRequest(context, LIST_PATH)).headers.etag ?? '';
    expect(etag).toMatch(/^W\//);
    const { direct, controller } = await bothWays(context, { 'if-none-match': etag, 'cache-control': 'no-cache' });
    expect(direct.status).toBe(304);
    expect(direct.body.length).toBe(0);
    expect(withoutClock(direct.headers)).toEqual(withoutClock(controller.headers));
  });

  it('marks its answers Vary: Origin as the CORS middleware does, and leaves a cross-origin request to it', async () => {
    const direct = await rawRequest(context, LIST_PATH);
    expect(direct.headers.vary).toBe('Origin, Accept-Encoding, Authorization');
    let crossOrigin: RawReply | undefined;
    expect(await answeredByController(async () => (crossOrigin = await rawRequest(context, LIST_PATH, { origin: 'https://allowed.example' })))).toBe(true);
    expect(crossOrigin?.headers['access-control-allow-origin']).toBe('https://allowed.example');
  });

  it.each([
    ['a HEAD', () => rawRequest(context, LIST_PATH, {}, 'HEAD')],
    ['a trusted proxy header', () => rawRequest(context, LIST_PATH, { 'remote-user': 'someone' })],
    ['a body', () => rawRequest(context, LIST_PATH, { 'content-type': 'application/json', 'content-length': '2' }, 'GET', '{}')],
    ['a capitalised path', () => rawRequest(context, '/api/v1/Spaces')],
  ])('leaves %s to Express and the controller, which answer as before', async (_name, send) => {
    let reply: RawReply | undefined;
    expect(await answeredByController(async () => (reply = await send()))).toBe(true);
    expect(reply?.status).toBe(200);
  });

  it('answers the query-string form itself, as Express routes it to the same handler', async () => {
    let reply: RawReply | undefined;
    expect(await answeredByController(async () => (reply = await rawRequest(context, `${LIST_PATH}?fresh=1`)))).toBe(false);
    expect(reply?.status).toBe(200);
  });

  it('answers the first of two pipelined requests itself and leaves the second, which is not its turn yet, to the pipelining guard and Express', async () => {
    const { hostname, port } = new URL(context.url);
    const twice = `GET ${LIST_PATH} HTTP/1.1\r\nHost: x\r\n\r\n`.repeat(2);
    const before = nestGuard.mock.calls.length;
    const answers = await new Promise<number>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(twice));
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        const statusLines = text.split('HTTP/1.1 200 OK').length - 1;
        if (statusLines === 2) {
          socket.destroy();
          resolve(statusLines);
        }
      });
      socket.on('error', reject);
    });
    expect(answers).toBe(2);
    expect(nestGuard.mock.calls.length - before).toBe(1);
  });

  it('leaves a request to Express when the guard fails, so the failure is answered as on any route', async () => {
    const admitted = jest.spyOn(AuthGuard.prototype, 'admitted').mockRejectedValueOnce(new Error('the database is gone'));
    try {
      let reply: RawReply | undefined;
      expect(await answeredByController(async () => (reply = await rawRequest(context, LIST_PATH)))).toBe(true);
      // The controller's own turn through the guard worked: the spy failed only once.
      expect(reply?.status).toBe(200);
      expect(admitted).toHaveBeenCalledTimes(2);
    } finally {
      admitted.mockRestore();
    }
  });
});
