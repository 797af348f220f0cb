import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { UsersService } from '../people/users.service';
import { createTestApp } from '../testing/test-app';

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';
const LOGOUT = '/api/v1/auth/logout';
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Signs a JWT by hand, to forge tokens the server must refuse. */
function forge(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('AuthController', () => {
  let app: NestExpressApplication;

  beforeEach(async () => {
    app = await createTestApp({ env: { USER_NAME: 'operator', USER_PASSWORD: 'correct horse', JWT_SECRET: SECRET, SESSION_TTL: '1h' } });
  });

  afterEach(() => app.close());

  async function login(): Promise<string> {
    const response = await request(app.getHttpServer()).post(LOGIN).send({ username: 'operator', password: 'correct horse' }).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  }

  describe('POST /auth/login', () => {
    it('answers 200 with a session token for the configured credentials', async () => {
      const response = await request(app.getHttpServer()).post(LOGIN).send({ username: 'operator', password: 'correct horse' }).expect(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresAt: expect.any(String),
        username: 'operator',
        role: 'admin',
        accounts: null,
      });
      const ttl = Date.parse(response.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(59 * 60_000);
      expect(ttl).toBeLessThanOrEqual(3600_000);
    });

    it.each([
      ['a wrong password', { username: 'operator', password: 'wrong' }],
      ['a wrong name', { username: 'admin', password: 'correct horse' }],
    ])('answers 401 INVALID_CREDENTIALS for %s', async (_case, body) => {
      const response = await request(app.getHttpServer()).post(LOGIN).send(body).expect(401);
      expect(response.body).toEqual({ error: expect.any(String), code: 'INVALID_CREDENTIALS' });
    });

    it.each([
      ['a missing password', { username: 'operator' }],
      ['an unknown property', { username: 'operator', password: 'x', admin: true }],
      ['a non-string name', { username: 42, password: 'x' }],
    ])('answers 400 VALIDATION_FAILED for %s', async (_case, body) => {
      const response = await request(app.getHttpServer()).post(LOGIN).send(body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 400 for malformed JSON', async () => {
      const response = await request(app.getHttpServer()).post(LOGIN).set('Content-Type', 'application/json').send('{"username":').expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await request(app.getHttpServer()).post(LOGIN).set('Content-Type', 'text/plain').send('operator:correct horse').expect(415);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 413 for a body over the limit', async () => {
      const response = await request(app.getHttpServer()).post(LOGIN).send({ username: 'operator', password: 'x'.repeat(20_000) }).expect(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses an address with 429 and Retry-After after 5 failures in a minute, even with the right password', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await request(app.getHttpServer()).post(LOGIN).send({ username: 'operator', password: `guess ${attempt}` }).expect(401);
      }
      const refused = await request(app.getHttpServer()).post(LOGIN).send({ username: 'operator', password: 'correct horse' }).expect(429);
      expect(refused.body.code).toBe('LOGIN_THROTTLED');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });
  });

  describe('GET /auth/me', () => {
    it('answers 200 with the user of the session', async () => {
      const token = await login();
      const response = await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.body).toEqual({ username: 'operator', expiresAt: expect.any(String), role: 'admin', accounts: null, totpEnabled: false, sessionId: expect.any(String) });
    });

    it('answers 401 without a session', async () => {
      const response = await request(app.getHttpServer()).get(ME).expect(401);
      expect(response.body.code).toBe('UNAUTHORIZED');
    });

    it('answers 401 for a tampered token', async () => {
      const token = await login();
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const tampered = `${header}.${base64url({ ...claims, sub: 'someone-else' })}.${signature}`;
      await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${tampered}`).expect(401);
    });

    it('answers 401 for a token signed with another secret', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = forge({ sub: 'operator', jti: 'x', iat: now, exp: now + 600 }, 'another-secret-another-secret-another');
      await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('answers 401 for an unsigned token (alg none)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'operator', jti: 'x', iat: now, exp: now + 600 })}.`;
      await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('answers 401 for an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = forge({ sub: 'operator', jti: 'x', iat: now - 7200, exp: now - 3600 }, SECRET);
      await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('accepts a well-formed token signed with the secret (the forging helper is sound)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const uid = app.get(UsersService).findByName('operator')?.id;
      const token = forge({ sub: 'operator', uid, at: Date.now(), jti: 'forged-but-valid', iat: now, exp: now + 600 }, SECRET);
      await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${token}`).expect(200);
    });
  });

  describe('POST /auth/logout', () => {
    it('answers 204 and revokes the token until it expires', async () => {
      const token = await login();
      await request(app.getHttpServer()).post(LOGOUT).set('Authorization', `Bearer ${token}`).expect(204);
      const after = await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${token}`).expect(401);
      expect(after.body.code).toBe('SESSION_REVOKED');
    });

    it('leaves other sessions alone', async () => {
      const first = await login();
      const second = await login();
      await request(app.getHttpServer()).post(LOGOUT).set('Authorization', `Bearer ${first}`).expect(204);
      await request(app.getHttpServer()).get(ME).set('Authorization', `Bearer ${second}`).expect(200);
    });

    it('answers 401 without a session', async () => {
      await request(app.getHttpServer()).post(LOGOUT).expect(401);
    });
  });
});
