import { createHmac } from 'node:crypto';
import type { MetricSample } from '@hfd/contracts';
import { UsersService } from '../../people/users.service';
import { E2E_PUBLIC, E2E_VISIBLE_WHEN_LOGGED_IN } from './e2e-scenario';
import { E2E_PASSWORD, StreamClient, startE2e, type E2eContext, type StreamMessage } from './e2e-harness';
import { adminToken, call, createKey, createUser, GOOD_PASSWORD, loginAs } from './people-helpers';

const JWT_SECRET = 'session-end-e2e-signing-secret-0123456789';
const PRIVATE = E2E_VISIBLE_WHEN_LOGGED_IN.filter((id) => !E2E_PUBLIC.includes(id));

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Whatever a stream delivered that names a private Space. */
function privateIn(events: readonly StreamMessage[]): string[] {
  return events.flatMap((message) => {
    switch (message.event) {
      case 'inventory':
        return message.data.spaces.filter((space) => space.private).map((space) => space.id);
      case 'inventory-change':
        return message.data.changed.filter((space) => space.private).map((space) => space.id);
      case 'status':
        return PRIVATE.includes(message.data.spaceId) ? [message.data.spaceId] : [];
      case 'metric':
        return message.data.filter((sample: MetricSample) => PRIVATE.includes(sample.spaceId)).map((sample) => sample.spaceId);
      default:
        return [];
    }
  });
}

/**
 * Issue 17, point 4: a session that ends stops its streams' private view at once. The stream
 * says so (`session-ended`) and closes; the client reconnects as a visitor and from then on
 * receives public Spaces only.
 */
describe('a stream whose session or key ends (e2e)', () => {
  let context: E2eContext;
  let admin: string;
  const clients: StreamClient[] = [];

  beforeAll(async () => {
    context = await startE2e({ env: { JWT_SECRET } });
    admin = await adminToken(context);
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => context.close());

  async function watchPrivate(token: string): Promise<StreamClient> {
    const client = new StreamClient(`${context.url}/api/v1/stream`, token);
    clients.push(client);
    await client.waitFor('inventory', (inventory) => inventory.spaces.some((space) => space.private));
    return client;
  }

  /** Waits for the end, then for the visitor's view the client reconnects to, and checks nothing private came after the end. */
  async function expectEnded(client: StreamClient, reason: string): Promise<void> {
    expect(await client.waitFor('session-ended')).toEqual({ reason });
    const endedAt = client.events.findIndex((message) => message.event === 'session-ended');
    // The client reconnects on its own, with the same token, which now counts for nothing.
    const visitorView = await client.waitFor('inventory', () => client.events.some((message, index) => index > endedAt && message.event === 'inventory'));
    expect(visitorView.spaces.map((space) => space.id).sort()).toEqual([...E2E_PUBLIC].sort());
    expect(privateIn(client.events.slice(endedAt + 1))).toEqual([]);
  }

  it('ends at logout', async () => {
    const { accessToken } = await loginAs(context, 'admin', E2E_PASSWORD);
    const client = await watchPrivate(accessToken);
    expect((await call(context, 'POST', '/auth/logout', accessToken)).status).toBe(204);
    await expectEnded(client, 'logout');
  }, 30_000);

  it('ends when the token expires, mid-stream', async () => {
    const now = Math.floor(Date.now() / 1000);
    const uid = context.app.get(UsersService).findByName('admin')?.id;
    const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'admin', uid, jti: 'short-lived', at: Date.now(), iat: now, exp: now + 3 })}`;
    const token = `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
    const client = await watchPrivate(token);
    await expectEnded(client, 'expired');
  }, 30_000);

  it('ends when another session of the user revokes it', async () => {
    const { accessToken } = await loginAs(context, 'admin', E2E_PASSWORD);
    const client = await watchPrivate(accessToken);
    const me = await call<{ sessionId: string }>(context, 'GET', '/auth/me', accessToken);
    expect((await call(context, 'DELETE', `/auth/sessions/${me.body.sessionId}`, admin)).status).toBe(204);
    await expectEnded(client, 'revoked');
    expect((await call(context, 'GET', '/auth/me', accessToken)).body).toMatchObject({ code: 'SESSION_REVOKED' });
  }, 30_000);

  it('ends when an admin disables the user, whose token is then refused', async () => {
    const user = await createUser(context, admin, 'soon-disabled', 'viewer');
    const { accessToken } = await loginAs(context, 'soon-disabled', GOOD_PASSWORD);
    const client = await watchPrivate(accessToken);
    expect((await call(context, 'PATCH', `/users/${user.id}`, admin, { disabled: true })).status).toBe(200);
    await expectEnded(client, 'disabled');
    expect(await call(context, 'GET', '/auth/me', accessToken)).toMatchObject({ status: 401, body: { code: 'USER_DISABLED' } });
  }, 30_000);

  it('ends when the named key is revoked', async () => {
    const key = await createKey(context, admin, 'short-lived-key', 'viewer');
    const client = await watchPrivate(key.key);
    expect((await call(context, 'DELETE', `/api-keys/${key.id}`, admin)).status).toBe(204);
    await expectEnded(client, 'revoked');
  }, 30_000);
});
