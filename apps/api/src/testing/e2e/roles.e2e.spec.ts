import { E2E_TOKENS } from './e2e-scenario';
import { declaredRoutes } from './declared-routes';
import { E2E_API_KEY, startE2e, type E2eContext } from './e2e-harness';
import { adminToken, createKey, createUser, GOOD_PASSWORD, loginAs } from './people-helpers';

/** Everyone who may call: nobody, users of each role (one scoped to org1), the configured key, and a named operator key. */
const CALLERS = ['anonymous', 'viewer', 'scopedViewer', 'operator', 'admin', 'apiKey', 'namedKey'] as const;
type Caller = (typeof CALLERS)[number];

/** A status, or `pass`: admitted (anything but 401 and 403; what the route then answers is not this test's business). */
type Expected = number | 'pass';

interface Row {
  method: string;
  /** Under /api/v1 unless it starts with `!`. */
  path: string;
  body?: unknown;
  /** In the order of CALLERS. */
  expect: readonly [Expected, Expected, Expected, Expected, Expected, Expected, Expected];
}

const T = E2E_TOKENS.user1Write;

/**
 * The decision for every route and every caller. A route added without a row here fails the
 * first test: each new route must state who may call it. Bodies are invalid on purpose where
 * a route changes something, so an admitted caller gets 400 (or 404) and nothing changes.
 */
const TABLE: Record<string, Row> = {
  //                                                                                           anonymous viewer scoped operator admin  API_KEY named(operator)
  'AppInfoController.config': { method: 'GET', path: '/config', expect: [200, 200, 200, 200, 200, 200, 200] },
  'AppInfoController.health': { method: 'GET', path: '/health', expect: ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass'] },
  'AuthController.login': { method: 'POST', path: '/auth/login', body: {}, expect: [400, 400, 400, 400, 400, 400, 400] },
  'AuthController.me': { method: 'GET', path: '/auth/me', expect: [401, 200, 200, 200, 200, 401, 401] },
  'AuthController.changePassword': { method: 'POST', path: '/auth/password', body: {}, expect: [401, 400, 400, 400, 400, 401, 401] },
  'AuthController.totpSetup': { method: 'POST', path: '/auth/totp/setup', body: {}, expect: [401, 400, 400, 400, 400, 401, 401] },
  'AuthController.totpEnable': { method: 'POST', path: '/auth/totp/enable', body: {}, expect: [401, 400, 400, 400, 400, 401, 401] },
  'AuthController.totpDisable': { method: 'POST', path: '/auth/totp/disable', body: {}, expect: [401, 400, 400, 400, 400, 401, 401] },
  'AuthController.sessions': { method: 'GET', path: '/auth/sessions', expect: [401, 200, 200, 200, 200, 401, 401] },
  'AuthController.revokeSession': { method: 'DELETE', path: '/auth/sessions/no-such-session', expect: [401, 404, 404, 404, 404, 401, 401] },
  // Single sign-on is not configured here: 404 for everyone (its flow is tested against the built server).
  'OidcController.login': { method: 'GET', path: '/auth/oidc/login', expect: [404, 404, 404, 404, 404, 404, 404] },
  'OidcController.callback': { method: 'GET', path: '/auth/oidc/callback?state=x&code=y', expect: [404, 404, 404, 404, 404, 404, 404] },
  'OidcController.token': { method: 'POST', path: '/auth/oidc/token', body: {}, expect: [400, 400, 400, 400, 400, 400, 400] },
  'SpacesController.list': { method: 'GET', path: '/spaces', expect: [200, 200, 200, 200, 200, 200, 200] },
  // A private Space of user1: hidden from visitors and from a viewer scoped to org1.
  'SpacesController.detail': { method: 'GET', path: '/spaces/user1/space2', expect: [404, 200, 404, 200, 200, 200, 200] },
  'SpacesController.refresh': { method: 'POST', path: '/spaces/refresh', expect: [401, 'pass', 'pass', 'pass', 'pass', 401, 401] },
  'SpacesController.act': { method: 'POST', path: '/spaces/user1/space1/restart', expect: [401, 403, 403, 'pass', 'pass', 'pass', 'pass'] },
  'MetricsController.recent': { method: 'GET', path: '/spaces/user1/space2/metrics', expect: [404, 200, 404, 200, 200, 200, 200] },
  // History of a private Space of user1: hidden from visitors and from a viewer scoped to org1; fleet views filter per caller.
  'HistoryController.transitions': { method: 'GET', path: '/spaces/user1/space2/history', expect: [404, 200, 404, 200, 200, 200, 200] },
  'HistoryController.spaceUptime': { method: 'GET', path: '/spaces/user1/space2/uptime', expect: [404, 200, 404, 200, 200, 200, 200] },
  'HistoryController.spaceIncidents': { method: 'GET', path: '/spaces/user1/space2/incidents', expect: [404, 200, 404, 200, 200, 200, 200] },
  'HistoryController.uptime': { method: 'GET', path: '/uptime', expect: [200, 200, 200, 200, 200, 200, 200] },
  'HistoryController.incidents': { method: 'GET', path: '/incidents', expect: [200, 200, 200, 200, 200, 200, 200] },
  'StreamController.connect': { method: 'GET', path: '/stream', expect: [200, 200, 200, 200, 200, 200, 200] },
  'PrometheusController.scrape': { method: 'GET', path: '!/metrics', expect: [200, 200, 200, 200, 200, 200, 200] },
  'ExternalApiController.list': { method: 'GET', path: `/info/${T}`, expect: [401, 401, 401, 401, 401, 200, 200] },
  'ExternalApiController.info': { method: 'GET', path: `/info/${T}/user1/space1`, expect: [401, 401, 401, 401, 401, 200, 200] },
  'ExternalApiController.act': { method: 'POST', path: `/action/${T}/user1/space1/bogus`, expect: [401, 401, 401, 401, 401, 400, 400] },
  'UsersController.list': { method: 'GET', path: '/users', expect: [401, 403, 403, 403, 200, 200, 403] },
  'UsersController.create': { method: 'POST', path: '/users', body: {}, expect: [401, 403, 403, 403, 400, 400, 403] },
  'UsersController.update': { method: 'PATCH', path: '/users/no-such-user', body: {}, expect: [401, 403, 403, 403, 404, 404, 403] },
  'UsersController.remove': { method: 'DELETE', path: '/users/no-such-user', expect: [401, 403, 403, 403, 404, 404, 403] },
  'ApiKeysController.list': { method: 'GET', path: '/api-keys', expect: [401, 403, 403, 403, 200, 200, 403] },
  'ApiKeysController.create': { method: 'POST', path: '/api-keys', body: {}, expect: [401, 403, 403, 403, 400, 400, 403] },
  'ApiKeysController.revoke': { method: 'DELETE', path: '/api-keys/0000000000000000', expect: [401, 403, 403, 403, 404, 404, 403] },
  'AuditController.page': { method: 'GET', path: '/audit', expect: [401, 403, 403, 200, 200, 200, 200] },
  'AuditController.csv': { method: 'GET', path: '/audit.csv', expect: [401, 403, 403, 200, 200, 200, 200] },
  'AutomationsController.list': { method: 'GET', path: '/automations', expect: [401, 200, 200, 200, 200, 200, 200] },
  'AutomationsController.create': { method: 'POST', path: '/automations', body: {}, expect: [401, 403, 403, 403, 400, 400, 403] },
  'AutomationsController.update': { method: 'PATCH', path: '/automations/0000000000000000', body: {}, expect: [401, 403, 403, 403, 404, 404, 403] },
  'AutomationsController.remove': { method: 'DELETE', path: '/automations/0000000000000000', expect: [401, 403, 403, 403, 404, 404, 403] },
  'AutomationsController.run': { method: 'POST', path: '/automations/0000000000000000/run?dryRun=true', expect: [401, 403, 403, 403, 404, 404, 403] },
  'AutomationsController.runs': { method: 'GET', path: '/automations/0000000000000000/runs', expect: [401, 404, 404, 404, 404, 404, 404] },
  // Last: it ends the sessions that call it.
  'AuthController.logout': { method: 'POST', path: '/auth/logout', expect: [401, 204, 204, 204, 204, 401, 401] },
};

describe('every route with every role (e2e)', () => {
  let context: E2eContext;
  let tokens: Record<Caller, string | null>;

  beforeAll(async () => {
    context = await startE2e();
    const admin = await adminToken(context);
    await createUser(context, admin, 'walker-viewer', 'viewer');
    await createUser(context, admin, 'walker-scoped', 'viewer', ['org1']);
    await createUser(context, admin, 'walker-operator', 'operator');
    tokens = {
      anonymous: null,
      viewer: (await loginAs(context, 'walker-viewer', GOOD_PASSWORD)).accessToken,
      scopedViewer: (await loginAs(context, 'walker-scoped', GOOD_PASSWORD)).accessToken,
      operator: (await loginAs(context, 'walker-operator', GOOD_PASSWORD)).accessToken,
      admin,
      apiKey: E2E_API_KEY,
      namedKey: (await createKey(context, admin, 'walker-key', 'operator')).key,
    };
  }, 60_000);
  afterAll(() => context.close());

  it('has a decision in the table for every route the application serves, and no row for a route it does not', () => {
    expect(Object.keys(TABLE).sort()).toEqual(declaredRoutes(context.app).map((route) => route.name).sort());
  });

  /** The status; an event stream is answered as soon as its headers arrive. */
  async function statusOf(row: Row, bearer: string | null): Promise<number> {
    const controller = new AbortController();
    const headers: Record<string, string> = {};
    if (bearer !== null) headers['Authorization'] = `Bearer ${bearer}`;
    if (row.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = row.path.startsWith('!') ? `${context.url}${row.path.slice(1)}` : `${context.url}/api/v1${row.path}`;
    const response = await fetch(url, { method: row.method, headers, body: row.body === undefined ? undefined : JSON.stringify(row.body), signal: controller.signal });
    controller.abort();
    return response.status;
  }

  it('answers every caller of every route as the table decides', async () => {
    const answered: Record<string, Record<Caller, Expected>> = {};
    const expected: Record<string, Record<Caller, Expected>> = {};
    for (const [name, row] of Object.entries(TABLE)) {
      answered[name] = {} as Record<Caller, Expected>;
      expected[name] = {} as Record<Caller, Expected>;
      for (const [index, caller] of CALLERS.entries()) {
        const status = await statusOf(row, tokens[caller]);
        const wanted = row.expect[index];
        expected[name][caller] = wanted;
        answered[name][caller] = wanted === 'pass' && status !== 401 && status !== 403 ? 'pass' : status;
      }
    }
    expect(answered).toEqual(expected);
  }, 120_000);
});
