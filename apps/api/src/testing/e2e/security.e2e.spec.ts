import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import type { SpaceSummary, SpacesListResponse } from '@hfd/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observable } from 'rxjs';
import { MAX_PENDING_BYTES } from '../../stream/sse-frame-writer';
import { StreamController } from '../../stream/stream.controller';
import { StreamAdmission } from '../../stream/stream-admission';
import { StreamService } from '../../stream/stream.service';
import { createTestApp } from '../test-app';
import { E2E_PUBLIC, E2E_TOKENS, E2E_VISIBLE_WHEN_LOGGED_IN, e2eScenario } from './e2e-scenario';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { E2E_API_KEY, E2E_PASSWORD, StreamClient, eventually, login, sleep, startE2e as startHarness, type E2eContext, type E2eOptions } from './e2e-harness';

/**
 * The rows of docs/security.md that need the whole application: CORS, security headers,
 * no default password, the API key kept out of logs, /metrics behind the key, hostile
 * Space metadata, no cookies, the Hub's Link header, login throttling behind a spoofed
 * X-Forwarded-For, and slow event-stream clients.
 */

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * node:http with the path as written, from `localAddress` if given (any of 127.0.0.0/8 reaches
 * a server on 127.0.0.1); an event stream is cut once its headers are in.
 */
function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string, localAddress?: string): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, method, path, headers, agent: false, localAddress }, (incoming) => {
      if (String(incoming.headers['content-type']).startsWith('text/event-stream')) {
        incoming.destroy();
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: '' });
        return;
      }
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const EVIL = 'https://evil.example';

function loginBody(username: string, password: string): string {
  return JSON.stringify({ username, password });
}

/** The Content-Security-Policy as directive → sources. */
function csp(reply: Reply): Map<string, string[]> {
  const header = reply.headers['content-security-policy'];
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectSecurityHeaders(reply: Reply): void {
  const policy = csp(reply);
  const scripts = policy.get('script-src') ?? policy.get('default-src') ?? [];
  expect(scripts).toEqual(["'self'"]);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  // Clickjacking: only this origin and the Hub's page that shows a Space may frame it.
  expect(policy.get('frame-ancestors')).toEqual(["'self'", 'https://huggingface.co']);
  for (const sources of policy.values()) expect(sources).not.toContain('*');
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  expect(reply.headers['x-powered-by']).toBeUndefined();
  expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(reply.headers['set-cookie']).toBeUndefined();
}

/**
 * This file starts several applications one after another. nestjs-pino keeps the first one's
 * logger for lines written outside a request (start-up, warnings) in a module variable; reset
 * it so each application's lines land in its own context.logs.
 */
function startE2e(options?: E2eOptions): Promise<E2eContext> {
  __resetOutOfContextForTests();
  return startHarness(options);
}

function logText(context: E2eContext): string {
  return context.logs.join('\n');
}

describe('security (e2e)', () => {
  describe('defaults: CORS, headers, cookies, secrets in logs', () => {
    let context: E2eContext;
    let dashboardDir: string;

    beforeAll(async () => {
      dashboardDir = mkdtempSync(join(tmpdir(), 'hfd-security-dashboard-'));
      writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><html><head><script src="main-ABCDEFGH.js" type="module"></script></head><body><hf-root></hf-root></body></html>');
      writeFileSync(join(dashboardDir, 'main-ABCDEFGH.js'), 'console.log("dashboard")');
      context = await startE2e({ env: { DASHBOARD_DIR: dashboardDir } });
    }, 60_000);

    afterAll(async () => {
      await context.close();
      rmSync(dashboardDir, { recursive: true, force: true });
    });

    const call = (method: string, path: string, headers?: Record<string, string>, body?: string) => send(context.url, method, path, headers, body);

    describe('CORS is closed by default', () => {
      it.each(['/api/v1/spaces', '/api/v1/config', '/api/v1/spaces/user1/space1', '/metrics', '/api/v1/auth/me'])(
        'gives a cross-origin GET %s no Access-Control-Allow-Origin',
        async (path) => {
          const reply = await call('GET', path, { Origin: EVIL });
          expect(reply.headers['access-control-allow-origin']).toBeUndefined();
          expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
        },
      );

      it.each([
        ['POST', '/api/v1/spaces/user1/space1/restart', 'authorization'],
        ['POST', '/api/v1/auth/login', 'content-type'],
        ['GET', '/api/v1/spaces', 'authorization'],
      ])('answers a preflight for %s %s without allowing anything', async (method, path, requestHeaders) => {
        const reply = await call('OPTIONS', path, { Origin: EVIL, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders });
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.headers['access-control-allow-origin']).toBeUndefined();
        expect(reply.headers['access-control-allow-methods']).toBeUndefined();
        expect(reply.headers['access-control-allow-headers']).toBeUndefined();
      });
    });

    describe('security headers', () => {
      it.each([
        ['an API answer', 'GET', '/api/v1/spaces', 200],
        ['the dashboard page', 'GET', '/', 200],
        ['a dashboard route (the single-page fallback)', 'GET', '/spaces/user1/space1', 200],
        ['a dashboard asset', 'GET', '/main-ABCDEFGH.js', 200],
        ['the Prometheus scrape', 'GET', '/metrics', 200],
        ['the OpenAPI page', 'GET', '/api/docs', 200],
        ['a 404 of the API', 'GET', '/api/v1/nothing-here', 404],
        ['a 400', 'GET', '/api/v1/spaces/user1/..', 400],
        ['a 401', 'GET', '/api/v1/auth/me', 401],
      ])('are on %s (%s %s → %i)', async (_case, method, path, status) => {
        const reply = await call(method, path);
        expect(reply.status).toBe(status);
        expectSecurityHeaders(reply);
      });

      it('are on 413 and 415 answers, which middleware gives before any route', async () => {
        const tooLarge = await call('POST', '/api/v1/auth/login', JSON_HEADERS, loginBody('admin', 'x'.repeat(20_000)));
        expect(tooLarge.status).toBe(413);
        expectSecurityHeaders(tooLarge);
        const wrongType = await call('POST', '/api/v1/auth/login', { 'Content-Type': 'text/plain' }, 'admin');
        expect(wrongType.status).toBe(415);
        expectSecurityHeaders(wrongType);
      });

      it('are on the event stream', async () => {
        const reply = await call('GET', '/api/v1/stream');
        expect(reply.status).toBe(200);
        expect(reply.headers['content-type']).toMatch(/^text\/event-stream/);
        expectSecurityHeaders(reply);
      });

      it('serve the dashboard page uncached, so a new policy applies on the next visit', async () => {
        const page = await call('GET', '/');
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('<hf-root>');
        expect(page.headers['cache-control']).toBe('no-store');
      });
    });

    describe('no cookies, so no ambient credential for CSRF', () => {
      it('sets no cookie on login, and a session token sent as a cookie is ignored', async () => {
        const reply = await call('POST', '/api/v1/auth/login', JSON_HEADERS, loginBody('admin', E2E_PASSWORD));
        expect(reply.status).toBe(200);
        expect(reply.headers['set-cookie']).toBeUndefined();
        const token = (JSON.parse(reply.text) as { accessToken: string }).accessToken;
        const cookie = `token=${token}; access_token=${token}; Authorization=Bearer%20${token}`;
        expect((await call('GET', '/api/v1/auth/me', { Cookie: cookie })).status).toBe(401);
        expect((await call('POST', '/api/v1/spaces/user1/space1/restart', { Cookie: cookie })).status).toBe(401);
        expect((await call('GET', '/api/v1/auth/me', { Authorization: `Bearer ${token}` })).status).toBe(200);
      });
    });

    describe('the API key never reaches a log line', () => {
      it('even when sent the wrong way: in the URL, as a request id, in other headers, in a login', async () => {
        const key = E2E_API_KEY;
        await call('GET', `/api/v1/config?api_key=${key}`);
        await call('GET', `/metrics?key=${key}`);
        await call('GET', `/api/v1/${key}`);
        await call('GET', `/api/v1/spaces/user1/${key}`);
        await call('GET', `/api/v1/info/${key}`);
        await call('GET', '/api/v1/health', { 'X-Request-Id': key });
        await call('GET', '/api/v1/spaces', { 'X-Request-Id': key });
        await call('GET', '/api/v1/spaces', { 'X-API-Key': key });
        await call('GET', `/api/v1/info/${E2E_TOKENS.user1Write}`, { Authorization: key });
        await call('GET', `/api/v1/info/${E2E_TOKENS.user1Write}`, { Authorization: `Basic ${Buffer.from(`admin:${key}`).toString('base64')}` });
        await call('GET', `/api/v1/info/${E2E_TOKENS.user1Write}`, { Authorization: `Bearer ${key} extra` });
        await call('POST', '/api/v1/auth/login', JSON_HEADERS, loginBody(key, key));
        await call('POST', '/api/v1/auth/login', { 'Content-Type': 'text/plain' }, key);
        const lines = logText(context);
        expect(lines).toContain('/api/v1/config?api_key=');
        expect(lines).not.toContain(key);
      });

      it('nor does a wrong key sent in the Authorization header', async () => {
        const wrong = [`${E2E_API_KEY}-but-longer`, 'wrong-key-0123456789', E2E_API_KEY.slice(0, -3)];
        for (const candidate of wrong) {
          const reply = await call('GET', `/api/v1/info/${E2E_TOKENS.user1Write}`, { Authorization: `Bearer ${candidate}` });
          expect(reply.status).toBe(401);
          expect(JSON.parse(reply.text)).toEqual({ error: expect.any(String), code: 'API_KEY_INVALID' });
          expect(reply.text).not.toContain(candidate);
        }
        const lines = logText(context);
        for (const candidate of wrong) expect(lines).not.toContain(candidate);
      });

      it('nor does a token in the path of the original API spelled in another case, which is routed all the same', async () => {
        const unknown = 'another-unconfigured-token-9d3e1b';
        const routed = [
          await call('GET', `/api/V1/info/${unknown}`, { Authorization: `Bearer ${E2E_API_KEY}` }),
          await call('GET', `/API/v1/INFO/${unknown}/user1/space1/`, { Authorization: `Bearer ${E2E_API_KEY}` }),
          await call('POST', `/api/v1/Action/${unknown}/user1/space1/restart`, { Authorization: `Bearer ${E2E_API_KEY}` }),
          await call('GET', `/api/v1/info/${unknown}`),
        ];
        // Routed, not 404: the routes took these spellings (the Hub refuses the unknown token).
        expect(routed.map((reply) => reply.status)).not.toContain(404);
        const lines = logText(context);
        expect(lines).toContain('/api/V1/info/[REDACTED]');
        expect(lines).toContain('/api/v1/Action/[REDACTED]/user1/space1/restart');
        expect(lines).not.toContain(unknown);
      });

      it('nor does a token in the path of the original API, configured or not', async () => {
        const unknown = 'some-unconfigured-token-4f8a2c';
        await call('GET', `/api/v1/info/${unknown}`, { Authorization: `Bearer ${E2E_API_KEY}` });
        await call('POST', `/api/v1/action/${unknown}/user1/space1/restart`, { Authorization: `Bearer ${E2E_API_KEY}` });
        await call('GET', `/api/v1/info/${unknown}/user1/space1`);
        const lines = logText(context);
        expect(lines).toContain('/api/v1/info/[REDACTED]');
        expect(lines).not.toContain(unknown);
      });
    });

    describe('log forging', () => {
      it('keeps every log line one JSON object, whatever a request carries, and replaces an unsafe request id', async () => {
        const forged = '{"level":60,"msg":"forged"}';
        const reply = await call('GET', `/api/v1/spaces/user1/a%0D%0A${encodeURIComponent(forged)}`, { 'X-Request-Id': 'x","level":60,"msg":"forged' });
        expect(reply.status).toBe(400);
        expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        await call('POST', '/api/v1/auth/login', JSON_HEADERS, loginBody(`admin\n${forged}`, `x\r\n${forged}`));
        const parsed = context.logs.map((line) => JSON.parse(line) as { level: number; msg?: string });
        expect(parsed.filter((line) => line.msg === 'forged' || line.level >= 60)).toEqual([]);
        expect(context.logs.every((line) => line.trimEnd().split('\n').length === 1)).toBe(true);
      });

      it('keeps a plain client request id, so a proxy can correlate', async () => {
        const reply = await call('GET', '/api/v1/health', { 'X-Request-Id': 'edge-1234.abc_DEF' });
        expect(reply.headers['x-request-id']).toBe('edge-1234.abc_DEF');
      });
    });

    describe('/metrics without METRICS_REQUIRE_API_KEY', () => {
      it('shows anonymous scrapers public Spaces only, and private ones with the key', async () => {
        await eventually(async () => (await call('GET', '/metrics')).text.includes('user1/space1'));
        const anonymous = (await call('GET', '/metrics')).text;
        const withKey = (await call('GET', '/metrics', { Authorization: `Bearer ${E2E_API_KEY}` })).text;
        const withWrongKey = (await call('GET', '/metrics', { Authorization: 'Bearer not-the-key' })).text;
        const privateIds = E2E_VISIBLE_WHEN_LOGGED_IN.filter((id) => !E2E_PUBLIC.includes(id));
        for (const id of privateIds) {
          expect(anonymous).not.toContain(id);
          expect(withWrongKey).not.toContain(id);
          expect(withKey).toContain(id);
        }
      });

      it('tells only a scraper with the key how much of the Hub quota is left', async () => {
        await call('GET', '/api/v1/spaces');
        const session = await login(context);
        const withoutKey = [
          (await call('GET', '/metrics')).text,
          (await call('GET', '/metrics', { Authorization: 'Bearer not-the-key' })).text,
          (await call('GET', '/metrics', { Authorization: `Bearer ${session}` })).text,
        ];
        for (const text of withoutKey) expect(text).not.toContain('rate_limit');
        expect((await call('GET', '/metrics', { Authorization: `Bearer ${E2E_API_KEY}` })).text).toMatch(/^hfd_hub_rate_limit_remaining \d+$/m);
      });
    });
  });

  describe('an API key with characters a URL encodes (base64: + / =)', () => {
    const KEY = 'Zm9v+YmFy/YmF6=cXV4+0123/456==';
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e({ env: { API_KEY: KEY } });
    }, 60_000);
    afterAll(() => context.close());

    it('works as a key, and is kept out of the logs percent-encoded in a URL, in either case', async () => {
      expect((await send(context.url, 'GET', `/api/v1/info/${E2E_TOKENS.user1Write}`, { Authorization: `Bearer ${KEY}` })).status).toBe(200);
      const upper = encodeURIComponent(KEY);
      const lower = upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
      expect(upper).not.toBe(KEY);
      await send(context.url, 'GET', `/api/v1/config?api_key=${upper}`);
      await send(context.url, 'GET', `/metrics?key=${lower}`);
      await send(context.url, 'GET', `/api/v1/spaces/user1/${upper}`);
      await send(context.url, 'GET', `/api/v1/${KEY}`);
      const lines = logText(context);
      expect(lines).toContain('/api/v1/config?api_key=');
      for (const form of [KEY, upper, lower]) expect(lines).not.toContain(form);
    });
  });

  describe('private Spaces stay private around actions and misses', () => {
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e();
    }, 60_000);
    afterAll(() => context.close());

    it('gives an anonymous visitor the same answer for a private Space as for one that does not exist', async () => {
      for (const suffix of ['', '/metrics']) {
        const hidden = await send(context.url, 'GET', `/api/v1/spaces/user1/space2${suffix}`);
        const missing = await send(context.url, 'GET', `/api/v1/spaces/user1/no-such-space${suffix}`);
        expect({ status: hidden.status, body: JSON.parse(hidden.text) as unknown }).toEqual({ status: missing.status, body: JSON.parse(missing.text) as unknown });
        expect(hidden.status).toBe(404);
      }
    });

    it('streams an anonymous visitor no status, metric or inventory event of a private Space that is restarted', async () => {
      const anonymous = new StreamClient(`${context.url}/api/v1/stream`);
      const loggedIn = new StreamClient(`${context.url}/api/v1/stream`, await login(context));
      try {
        await anonymous.waitFor('inventory');
        await loggedIn.waitFor('inventory');
        const asKey = { Authorization: `Bearer ${E2E_API_KEY}` };
        expect((await send(context.url, 'POST', '/api/v1/spaces/user1/space2/restart', asKey)).status).toBe(200);
        expect((await send(context.url, 'POST', '/api/v1/spaces/user1/space1/restart', asKey)).status).toBe(200);
        // The public one's events arrive…
        await anonymous.waitFor('status', (event) => event.spaceId === 'user1/space1', 20_000);
        // The private one's events exist: a logged-in viewer gets them.
        await loggedIn.waitFor('status', (event) => event.spaceId === 'user1/space2', 20_000);
        await sleep(1000);
        const seen = JSON.stringify(anonymous.events);
        expect(seen).toContain('user1/space1');
        expect(seen).not.toContain('user1/space2');
      } finally {
        anonymous.close();
        loggedIn.close();
      }
    }, 60_000);
  });

  describe('CORS_ORIGINS set', () => {
    const ALLOWED = 'https://ops.example.com';
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e({ env: { CORS_ORIGINS: `${ALLOWED}, https://second.example.com` } });
    }, 60_000);
    afterAll(() => context.close());

    it('allows exactly the listed origins, without credentials', async () => {
      const allowed = await send(context.url, 'GET', '/api/v1/spaces', { Origin: ALLOWED });
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(allowed.headers['vary'])).toMatch(/Origin/);
      const second = await send(context.url, 'GET', '/api/v1/spaces', { Origin: 'https://second.example.com' });
      expect(second.headers['access-control-allow-origin']).toBe('https://second.example.com');
    });

    it.each([EVIL, 'null', `${ALLOWED}.evil.example`, 'http://ops.example.com', 'https://ops.example.com:8443', 'https://OPS.example.com.evil.example'])(
      'refuses the origin %s',
      async (origin) => {
        const reply = await send(context.url, 'GET', '/api/v1/spaces', { Origin: origin });
        expect(reply.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await send(context.url, 'OPTIONS', '/api/v1/spaces/user1/space1/restart', {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization',
        });
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      },
    );

    it('answers a preflight of a listed origin with the methods and exactly the headers the API reads', async () => {
      const reply = await send(context.url, 'OPTIONS', '/api/v1/spaces/user1/space1/restart', {
        Origin: ALLOWED,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      });
      expect(reply.status).toBe(204);
      expect(reply.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(String(reply.headers['access-control-allow-headers']).split(',').sort()).toEqual(['Authorization', 'Content-Type']);
      expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  describe('no default password (USER_PASSWORD unset)', () => {
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e({ env: { USER_PASSWORD: undefined } });
    }, 60_000);
    afterAll(() => context.close());

    function generatedPassword(): string {
      const lines = context.logs.filter((line) => line.includes('USER_PASSWORD is not set'));
      expect(lines).toHaveLength(1);
      const match = /the login for \\"admin\\" is \\"([^"\\]+)\\"/.exec(lines[0]);
      expect(match).not.toBeNull();
      return match?.[1] ?? '';
    }

    it('refuses the usual guesses and an empty password', async () => {
      const guesses: [string, string, number][] = [
        ['admin', 'password', 401],
        ['admin', 'admin', 401],
        ['admin', '', 400],
        ['admin', ' ', 401],
      ];
      for (const [username, password, status] of guesses) {
        const reply = await send(context.url, 'POST', '/api/v1/auth/login', JSON_HEADERS, loginBody(username, password));
        expect({ password, status: reply.status }).toEqual({ password, status });
      }
    });

    it('prints a generated password exactly once, as a warning, and it works', async () => {
      const password = generatedPassword();
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const line = JSON.parse(context.logs.find((entry) => entry.includes('USER_PASSWORD is not set')) ?? '{}') as { level: number };
      expect(line.level).toBe(40);
      const reply = await send(context.url, 'POST', '/api/v1/auth/login', JSON_HEADERS, loginBody('admin', password));
      expect(reply.status).toBe(200);
      // Still once: neither the login nor anything else wrote it again.
      expect(context.logs.filter((entry) => entry.includes(password))).toHaveLength(1);
    });
  });

  describe('METRICS_REQUIRE_API_KEY=true', () => {
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e({ env: { METRICS_REQUIRE_API_KEY: 'true' } });
    }, 60_000);
    afterAll(() => context.close());

    it('refuses /metrics without the key, or with another, with 401 and a code', async () => {
      const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer not-the-key' }, { Authorization: E2E_API_KEY }];
      for (const headers of attempts) {
        const reply = await send(context.url, 'GET', '/metrics', headers);
        expect(reply.status).toBe(401);
        expect(JSON.parse(reply.text)).toEqual({ error: expect.any(String), code: 'API_KEY_INVALID' });
        expect(reply.text).not.toContain('user1/');
      }
    });

    it('refuses a dashboard session in place of the key', async () => {
      const token = await login(context);
      expect((await send(context.url, 'GET', '/metrics', { Authorization: `Bearer ${token}` })).status).toBe(401);
    });

    it('shows private Spaces with the key', async () => {
      const scrape = async () => (await send(context.url, 'GET', '/metrics', { Authorization: `Bearer ${E2E_API_KEY}` })).text;
      await eventually(async () => (await scrape()).includes('user1/space2'));
      const text = await scrape();
      for (const id of E2E_VISIBLE_WHEN_LOGGED_IN) expect(text).toContain(id);
    });
  });

  describe('hostile metadata in other users’ public Spaces', () => {
    const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    let context: E2eContext;

    beforeAll(async () => {
      const scenario = e2eScenario();
      context = await startE2e({
        scenario: {
          ...scenario,
          spaces: [
            ...(scenario.spaces ?? []),
            {
              id: 'user3/hostile',
              sdk: 'gradio',
              stage: 'RUNTIME_ERROR',
              errorMessage: PAYLOAD,
              hardware: { requested: 'cpu-basic' },
              createdAt: '2024-05-01T10:00:00.000Z',
              cardData: { title: PAYLOAD, emoji: '"><svg onload=alert(3)>', short_description: `javascript:alert(4) ${PAYLOAD}` },
            },
          ],
        },
      });
    }, 60_000);
    afterAll(() => context.close());

    it('passes the text on as JSON data, never as markup: application/json with nosniff and a script-free policy', async () => {
      let hostile: SpaceSummary | undefined;
      await eventually(async () => {
        const list = (await (await fetch(`${context.url}/api/v1/spaces`)).json()) as SpacesListResponse;
        hostile = list.spaces.find((space) => space.id === 'user3/hostile');
        return hostile !== undefined;
      });
      expect(hostile?.title).toBe(PAYLOAD);
      const detail = await send(context.url, 'GET', '/api/v1/spaces/user3/hostile');
      expect(detail.status).toBe(200);
      expect(detail.headers['content-type']).toMatch(/^application\/json/);
      expectSecurityHeaders(detail);
      // The links the dashboard shows are built from the configured Hub and the id, never from card data.
      const body = JSON.parse(detail.text) as { hubUrl: string };
      expect(body.hubUrl).toBe(`${context.emulator.url}/spaces/user3/hostile`);
    });
  });

  describe("the Hub's Link header cannot send a token elsewhere", () => {
    let context: E2eContext;
    let proxy: Server;
    let attacker: Server;
    const attackerRequests: IncomingHttpHeaders[] = [];
    const forwardedCursors: string[] = [];

    function listen(server: Server): Promise<string> {
      return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    }

    function close(server: Server | undefined): Promise<void> {
      return new Promise((resolve) => {
        if (!server?.listening) {
          resolve();
          return;
        }
        server.closeAllConnections();
        server.close(() => resolve());
      });
    }

    beforeAll(async () => {
      attacker = createServer((request, response) => {
        attackerRequests.push(request.headers);
        response.setHeader('Content-Type', 'application/json');
        response.end('[]');
      });
      const attackerUrl = await listen(attacker);
      let emulatorUrl = '';
      // A Hub whose paging links point at another host: every Link is rewritten to the attacker.
      proxy = createServer((request, response) => {
        const target = new URL(request.url ?? '/', emulatorUrl);
        if (target.searchParams.has('cursor')) forwardedCursors.push(target.searchParams.get('cursor') ?? '');
        const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host }, agent: false }, (reply) => {
          const headers = { ...reply.headers };
          if (typeof headers.link === 'string') headers.link = headers.link.replace(/<https?:\/\/[^/>]+/g, `<${attackerUrl}`);
          response.writeHead(reply.statusCode ?? 502, headers);
          reply.pipe(response);
        });
        upstream.on('error', () => response.destroy());
        request.pipe(upstream);
      });
      const proxyUrl = await listen(proxy);
      context = await startE2e({ env: { HF_ENDPOINT: proxyUrl } });
      emulatorUrl = context.emulator.url;
    }, 60_000);

    afterAll(async () => {
      await context.close();
      await close(proxy);
      await close(attacker);
    });

    it('follows every page on the configured Hub and sends nothing to the host the links name', async () => {
      const token = await login(context);
      await eventually(async () => {
        const reply = await fetch(`${context.url}/api/v1/spaces`, { headers: { Authorization: `Bearer ${token}` } });
        const ids = ((await reply.json()) as SpacesListResponse).spaces.map((space) => space.id).sort();
        return JSON.stringify(ids) === JSON.stringify(E2E_VISIBLE_WHEN_LOGGED_IN);
      }, 30_000);
      // Pages after the first were asked for (through the proxy, that is the configured Hub)…
      expect(forwardedCursors.length).toBeGreaterThan(0);
      // …and never from the host the Link header named, with or without a token.
      expect(attackerRequests).toEqual([]);
    });
  });

  describe('login throttling behind a spoofed X-Forwarded-For (TRUST_PROXY unset)', () => {
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e();
    }, 60_000);
    afterAll(() => context.close());

    it('counts failures per connection address, whatever X-Forwarded-For claims', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const reply = await send(context.url, 'POST', '/api/v1/auth/login', { ...JSON_HEADERS, 'X-Forwarded-For': `198.51.100.${attempt + 1}` }, loginBody('admin', `guess-${attempt}`));
        statuses.push(reply.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const right = await send(context.url, 'POST', '/api/v1/auth/login', { ...JSON_HEADERS, 'X-Forwarded-For': '203.0.113.99' }, loginBody('admin', E2E_PASSWORD));
      expect(right.status).toBe(429);
    }, 60_000);
  });

  describe('login throttling per name, across addresses', () => {
    let context: E2eContext;

    beforeAll(async () => {
      context = await startE2e();
    }, 60_000);
    afterAll(() => context.close());

    const loginFrom = (address: string, password: string) =>
      send(context.url, 'POST', '/api/v1/auth/login', JSON_HEADERS, loginBody('admin', password), address);

    it('answers few of 50 guesses from ten addresses, and still lets the owner in from an address that has not failed', async () => {
      const addresses = Array.from({ length: 10 }, (_, index) => `127.0.0.${11 + index}`);
      const rounds: Reply[][] = [];
      for (let round = 0; round < 5; round++) {
        const replies: Reply[] = [];
        for (const address of addresses) replies.push(await loginFrom(address, `guess-${round}-${address}`));
        rounds.push(replies);
      }
      // Each address's first guess is answered; then the name backs off, whatever the address.
      expect(rounds[0].map((reply) => reply.status)).toEqual(addresses.map(() => 401));
      const later = rounds.slice(1).flat();
      expect(later.filter((reply) => reply.status === 401).length).toBeLessThanOrEqual(2);
      const refused = later.filter((reply) => reply.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(38);
      for (const reply of refused) {
        expect(JSON.parse(reply.text)).toEqual({ error: expect.any(String), code: 'LOGIN_THROTTLED' });
        expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
      }
      // No lock-out of the owner by a stranger: the right password from a fresh address works.
      expect((await loginFrom('127.0.0.99', E2E_PASSWORD)).status).toBe(200);
      // An address that guessed stays backed off, even with the right password.
      expect((await loginFrom(addresses[0], E2E_PASSWORD)).status).toBe(429);
    }, 60_000);
  });

  describe('a client that does not read its event stream', () => {
    let app: NestExpressApplication;
    let produced = 0;
    let unsubscribed = false;
    let socket: Socket | undefined;

    beforeAll(async () => {
      // 64 kB events as fast as the server takes them: only the pending-data limit stops the buffering.
      const event = Buffer.from(`data: ${'x'.repeat(64 * 1024)}\n\n`);
      const flood = new Observable<Buffer>((subscriber) => {
        const timer = setInterval(() => {
          for (let index = 0; index < 8; index++) {
            produced++;
            subscriber.next(event);
          }
        }, 5);
        return () => {
          unsubscribed = true;
          clearInterval(timer);
        };
      });
      app = await createTestApp({ controllers: [StreamController], providers: [{ provide: StreamService, useValue: { connect: () => flood } }, StreamAdmission] });
      await app.listen(0, '127.0.0.1');
    }, 60_000);

    afterAll(async () => {
      socket?.destroy();
      await app.close();
    });

    it('is disconnected once more than MAX_PENDING_BYTES are pending, and the server stops producing for it', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const client = connect(port, '127.0.0.1');
      socket = client;
      const ended = new Promise<void>((resolve) => {
        client.once('close', () => resolve());
        client.once('end', () => resolve());
      });
      client.on('error', () => undefined);
      client.write('GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n');
      // Read the first bytes (the headers have come), then nothing more.
      const first = await new Promise<string>((resolve) => client.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      client.pause();
      await eventually(() => unsubscribed, 45_000);
      const producedAtDrop = produced;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing more is made for this client…
      expect(produced).toBe(producedAtDrop);
      // …what was buffered was bounded (1 MiB of events plus the socket buffers, not all that was produced)…
      expect(producedAtDrop * 64 * 1024).toBeLessThan(256 * 1024 * 1024);
      // …and the server closed the connection: reading on, the client comes to its end.
      client.resume();
      await ended;
      // The limit that acted is the stream's own, not Nest's 4 MiB default.
      const warnings = warn.mock.calls.map((call) => String(call[0]));
      warn.mockRestore();
      expect(warnings.some((message) => message.includes(`more than the ${MAX_PENDING_BYTES} allowed`))).toBe(true);
    }, 60_000);
  });
});
