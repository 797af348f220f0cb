import type { AuditPage, LoginResponse, MeResponse } from '@hfd/contracts';
import { freePort, ServerProcess, track } from '@hfd/test-support';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, ensureApiBuild } from './support/api-process';

const CLIENT_ID = 'hf-dashboard';
const CLIENT_SECRET = 'oidc-test-client-secret-0123456789';
const PASSWORD = 'oidc-e2e-admin-password';

/** Starts the provider script and resolves once it listens. */
async function startProvider(port: number, redirectUri: string): Promise<ChildProcess> {
  const child = track(
    spawn(process.execPath, [join(__dirname, 'support/oidc-provider.mjs')], {
      env: { PATH: process.env['PATH'] ?? '', PORT: String(port), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI: redirectUri },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the provider exited with ${code}: ${errors}`)));
  });
  return child;
}

/**
 * Single sign-on end to end: the built server (openid-client is an ES module, loaded with a
 * real dynamic import, which Jest cannot run in-process) against a real OpenID provider
 * (oidc-provider) in a process of its own, the browser played by fetch with a cookie jar.
 */
describe('single sign-on with OpenID Connect, against the built server', () => {
  let provider: ChildProcess;
  let providerUrl: string;
  let server: ServerProcess;
  let cwd: string;

  beforeAll(async () => {
    await ensureApiBuild();
    const [providerPort, serverPort] = [await freePort(), await freePort()];
    providerUrl = `http://127.0.0.1:${providerPort}`;
    provider = await startProvider(providerPort, `http://127.0.0.1:${serverPort}/api/v1/auth/oidc/callback`);
    cwd = mkdtempSync(join(tmpdir(), 'hfd-oidc-e2e-'));
    server = await ServerProcess.start({
      entry: API_MAIN,
      cwd,
      port: serverPort,
      env: {
        DASHBOARD_DIR: cwd,
        USER_PASSWORD: PASSWORD,
        OIDC_ISSUER: providerUrl,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_ROLE_CLAIM: 'groups',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    provider?.kill();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  async function signInAs(account: string): Promise<URL> {
    await fetch(`${providerUrl}/test/account`, { method: 'POST', body: account });
    const jar = new Map<string, string>();
    let location = new URL(`${server.url}/api/v1/auth/oidc/login`);
    // Follows redirects as a browser would, keeping the provider's cookies, until back at the dashboard.
    for (let hop = 0; hop < 10; hop++) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(location, { redirect: 'manual', headers: location.origin === providerUrl && cookie ? { cookie } : {} });
      for (const set of response.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const index = pair.indexOf('=');
        jar.set(pair.slice(0, index), pair.slice(index + 1));
      }
      const next = response.headers.get('location');
      if (next === null) throw new Error(`${location} answered ${response.status} without a redirect: ${await response.text()}`);
      location = new URL(next, location);
      if (location.origin === server.url && location.pathname === '/') return location;
    }
    throw new Error('too many redirects');
  }

  async function exchange(ticket: string | null): Promise<{ status: number; body: LoginResponse }> {
    const response = await fetch(`${server.url}/api/v1/auth/oidc/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ticket }) });
    return { status: response.status, body: (await response.json()) as LoginResponse };
  }

  it('says single sign-on is on in /config', async () => {
    expect(await (await fetch(`${server.url}/api/v1/config`)).json()).toMatchObject({ singleSignOn: true });
  });

  it('signs someone in with PKCE and the role their groups claim names, through a one-time ticket', async () => {
    const back = await signInAs('pat');
    const ticket = back.searchParams.get('oidcTicket');
    expect(ticket).toMatch(/^[\w-]{43}$/);
    expect(back.searchParams.has('oidcError')).toBe(false);
    const session = await exchange(ticket);
    expect(session).toMatchObject({ status: 200, body: { username: 'pat', role: 'operator', tokenType: 'Bearer' } });
    const me = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${session.body.accessToken}` } })).json()) as MeResponse;
    expect(me).toMatchObject({ username: 'pat', role: 'operator' });
    // The ticket works once.
    expect((await exchange(ticket)).status).toBe(401);
  });

  it('gives someone whose claim names no role nothing (no default role is set)', async () => {
    const back = await signInAs('nora');
    expect(back.searchParams.get('oidcError')).toBe('OIDC_NO_ROLE');
    expect(back.searchParams.has('oidcTicket')).toBe(false);
  });

  it('does not let the provider speak for a local user of the same name', async () => {
    const back = await signInAs('admin');
    expect(back.searchParams.get('oidcError')).toBe('OIDC_NAME_TAKEN');
  });

  it('refuses a callback whose state it did not issue, and a made-up ticket', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/oidc/callback?code=forged&state=forged`, { redirect: 'manual' });
    expect(new URL(response.headers.get('location') ?? '', server.url).searchParams.get('oidcError')).toBe('OIDC_STATE');
    expect((await exchange('x'.repeat(43))).status).toBe(401);
    expect((await exchange('../etc')).status).toBe(400);
  });

  it('audits each sign-in, its failures with their reason', async () => {
    const login = (await (await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json()) as LoginResponse;
    const page = (await (await fetch(`${server.url}/api/v1/audit?kind=auth.login`, { headers: { Authorization: `Bearer ${login.accessToken}` } })).json()) as AuditPage;
    const details = page.entries.map((entry) => `${entry.actor ?? '-'} ${entry.result} ${entry.detail ?? ''}`.trim());
    expect(details).toEqual(expect.arrayContaining(['pat success oidc', 'nora failure oidc: OIDC_NO_ROLE', 'admin failure oidc: OIDC_NAME_TAKEN', '- failure oidc: OIDC_STATE']));
    expect(JSON.stringify(page)).not.toContain(CLIENT_SECRET);
    expect(server.stdout + server.stderr).not.toContain(CLIENT_SECRET);
  });
});
