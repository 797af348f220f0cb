import type { MeResponse, SpacesListResponse } from '@hfd/contracts';
import { request as httpRequest } from 'node:http';
import { E2E_PUBLIC } from './e2e-scenario';
import { startE2e, type E2eContext } from './e2e-harness';

interface Reply {
  status: number;
  body: unknown;
}

/** A GET from a chosen local address (127.0.0.1 is the trusted proxy, 127.0.0.2 is not). */
function get(context: E2eContext, path: string, headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<Reply> {
  const { hostname, port } = new URL(context.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, path: `/api/v1${path}`, headers, localAddress, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('TRUSTED_PROXY_AUTH (e2e)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ env: { TRUSTED_PROXY_AUTH: 'true', TRUST_PROXY: '127.0.0.1' } });
  }, 60_000);
  afterAll(() => context.close());

  it('takes Remote-User from the trusted proxy: a known user with their role', async () => {
    const me = await get(context, '/auth/me', { 'Remote-User': 'admin' });
    expect(me).toMatchObject({ status: 200, body: { username: 'admin', role: 'admin' } });
  });

  it('creates someone new with the highest role their Remote-Groups name, and nothing beyond it', async () => {
    const me = await get(context, '/auth/me', { 'Remote-User': 'pat', 'Remote-Groups': 'staff, Operator, viewer' });
    expect(me).toMatchObject({ status: 200, body: { username: 'pat', role: 'operator' } as Partial<MeResponse> });
    expect(await get(context, '/users', { 'Remote-User': 'pat' })).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_ROLE' } });
  });

  it('gives someone new without a role group nothing', async () => {
    expect((await get(context, '/auth/me', { 'Remote-User': 'quinn', 'Remote-Groups': 'staff' })).status).toBe(401);
    const list = await get(context, '/spaces', { 'Remote-User': 'quinn', 'Remote-Groups': 'staff' });
    expect((list.body as SpacesListResponse).spaces.map((space) => space.id).sort()).toEqual([...E2E_PUBLIC].sort());
  });

  it('ignores, and logs, a forged Remote-User from an address that is not the proxy: it grants nothing', async () => {
    expect(await get(context, '/auth/me', { 'Remote-User': 'admin', 'Remote-Groups': 'admin' }, '127.0.0.2')).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    expect((await get(context, '/users', { 'Remote-User': 'admin' }, '127.0.0.2')).status).toBe(401);
    const list = await get(context, '/spaces', { 'Remote-User': 'admin' }, '127.0.0.2');
    expect((list.body as SpacesListResponse).spaces.every((space) => !space.private)).toBe(true);
    expect(context.logs.some((line) => line.includes('Ignored Remote-User from 127.0.0.2: not a TRUST_PROXY address'))).toBe(true);
  });
});

describe('Remote-User with TRUSTED_PROXY_AUTH off (e2e)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ env: { TRUST_PROXY: '127.0.0.1' } });
  }, 60_000);
  afterAll(() => context.close());

  it('grants nothing, even from a TRUST_PROXY address', async () => {
    expect((await get(context, '/auth/me', { 'Remote-User': 'admin' })).status).toBe(401);
    expect(context.logs.some((line) => line.includes('Ignored Remote-User from 127.0.0.1: TRUSTED_PROXY_AUTH is off'))).toBe(true);
  });
});
