import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SpaceActionResponse, SpaceDetail, SpacesListResponse } from '@hfd/contracts';
import request from 'supertest';
import { ApiException } from '../common/errors/api.exception';
import { HubRateLimitedError } from '../hf-client/hf-client.errors';
import { loginHeader } from '../testing/session';
import { createTestApp } from '../testing/test-app';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ListBody } from './list-body';
import { SpacesController } from './spaces.controller';
import { SpacesService } from './spaces.service';

const LIST: SpacesListResponse = { spaces: [], accounts: [], fetchedAt: null, stale: false, refreshing: false, generatedAt: '2026-01-01T00:00:00.000Z', ageMs: null };
/** Large enough that the compression middleware would compress it, were it not kept off this route. */
const BIG_LIST: SpacesListResponse = {
  ...LIST,
  accounts: Array.from({ length: 200 }, (_, index) => ({ name: `account-${index}`, canWrite: false, spaceCount: 0, error: null, fetchedAt: null })),
};

/** GET with node:http, which leaves the body as it came (supertest would decompress it). */
async function rawGet(server: Server, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const RUNTIME = { stage: 'BUILDING', hardware: { current: null, requested: 'cpu-basic' }, sleepTimeSeconds: 172800, replicas: { current: null, requested: 1 }, errorMessage: null } as const;

describe('SpacesController', () => {
  let app: NestExpressApplication;
  const service = {
    list: jest.fn<Promise<ListBody>, unknown[]>(),
    refresh: jest.fn<Promise<SpacesListResponse>, unknown[]>(),
    detail: jest.fn<Promise<SpaceDetail>, unknown[]>(),
    act: jest.fn<Promise<SpaceActionResponse>, unknown[]>(),
  };

  beforeAll(async () => {
    app = await createTestApp({
      env: { API_KEY: 'the-api-key' },
      controllers: [SpacesController],
      providers: [{ provide: SpacesService, useValue: service }],
    });
  });

  afterAll(() => app.close());

  beforeEach(() => {
    for (const mock of Object.values(service)) mock.mockReset();
  });

  describe('GET /spaces', () => {
    it('answers 200 to an anonymous visitor, who is nobody', async () => {
      service.list.mockResolvedValue(ListBody.of(LIST));
      await request(app.getHttpServer()).get('/api/v1/spaces').expect(200, LIST);
      expect(service.list).toHaveBeenCalledWith(null);
    });

    it('passes a logged-in user on, which widens what is visible', async () => {
      service.list.mockResolvedValue(ListBody.of(LIST));
      await request(app.getHttpServer()).get('/api/v1/spaces').set('Authorization', await loginHeader(app)).expect(200);
      expect(service.list).toHaveBeenCalledWith(expect.objectContaining({ kind: 'session', username: 'admin' }));
    });

    it('treats an invalid session as an anonymous visitor rather than failing', async () => {
      service.list.mockResolvedValue(ListBody.of(LIST));
      await request(app.getHttpServer()).get('/api/v1/spaces').set('Authorization', 'Bearer not.a.jwt').expect(200);
      expect(service.list).toHaveBeenCalledWith(null);
    });

    it('sends the ETag, the Age of the shared body, and keeps the answer in the browser only', async () => {
      const body = ListBody.of(LIST);
      service.list.mockResolvedValue(body);
      const response = await request(app.getHttpServer()).get('/api/v1/spaces').expect(200);
      expect(response.headers['etag']).toBe(body.etag);
      expect(Number(response.headers['age'])).toBeGreaterThanOrEqual(0);
      expect(response.headers['cache-control']).toBe('private, no-cache');
      expect(response.headers['vary']).toBe('Accept-Encoding, Authorization');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it.each([
      ['its ETag', (etag: string) => etag],
      ['its ETag without the weak prefix', (etag: string) => etag.slice(2)],
      ['its ETag in a list', (etag: string) => `"other",${etag} , W/"more"`],
      ['*', () => '*'],
    ])('answers 304 without a body to If-None-Match naming %s', async (_case, header) => {
      const body = ListBody.of(LIST);
      service.list.mockResolvedValue(body);
      const response = await request(app.getHttpServer()).get('/api/v1/spaces').set('If-None-Match', header(body.etag)).expect(304);
      expect(response.text).toBe('');
      expect(response.headers['etag']).toBe(body.etag);
      expect(response.headers['cache-control']).toBe('private, no-cache');
    });

    it('answers 304 also when the request says Cache-Control: no-cache, as fetch adds to any If-None-Match', async () => {
      const body = ListBody.of(LIST);
      service.list.mockResolvedValue(body);
      await request(app.getHttpServer()).get('/api/v1/spaces').set('If-None-Match', body.etag).set('Cache-Control', 'no-cache').expect(304);
    });

    it.each([
      ['another ETag', 'W/"something-else"'],
      ['an empty header', ''],
      ['a malformed header', 'W/'],
      ['its ETag cut short', (etag: string) => etag.slice(0, -2)],
      ['its ETag inside another', (etag: string) => `"x${etag.slice(3)}`],
      ['a thousand other tags', Array.from({ length: 1000 }, (_, index) => `"t${index}"`).join(', ')],
    ])('answers 200 to If-None-Match with %s', async (_case, header: string | ((etag: string) => string)) => {
      const body = ListBody.of(LIST);
      service.list.mockResolvedValue(body);
      await request(app.getHttpServer())
        .get('/api/v1/spaces')
        .set('If-None-Match', typeof header === 'string' ? header : header(body.etag))
        .expect(200, LIST);
    });

    it.each([
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
      ['br;q=0.5, gzip', 'gzip', gunzipSync],
    ])('sends the kept encoding the client prefers for %j: %s', async (accept, encoding, decode) => {
      service.list.mockResolvedValue(ListBody.of(BIG_LIST));
      const response = await rawGet(app.getHttpServer(), '/api/v1/spaces', { 'Accept-Encoding': accept });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(JSON.parse(decode(response.body).toString('utf8'))).toEqual(BIG_LIST);
    });

    it.each(['identity', 'deflate', 'gzip;q=0, br;q=0'])('sends the body as it is for %j, and the compression middleware leaves it so', async (accept) => {
      service.list.mockResolvedValue(ListBody.of(BIG_LIST));
      const response = await rawGet(app.getHttpServer(), '/api/v1/spaces', { 'Accept-Encoding': accept });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(response.body.toString('utf8'))).toEqual(BIG_LIST);
    });
  });

  describe('POST /spaces/refresh', () => {
    it('answers 401 without a session', async () => {
      await request(app.getHttpServer()).post('/api/v1/spaces/refresh').expect(401);
      expect(service.refresh).not.toHaveBeenCalled();
    });

    it('answers 200 with a session', async () => {
      service.refresh.mockResolvedValue(LIST);
      await request(app.getHttpServer()).post('/api/v1/spaces/refresh').set('Authorization', await loginHeader(app)).expect(200, LIST);
    });

    it('answers 429 REFRESH_TOO_SOON with Retry-After when the service refuses', async () => {
      service.refresh.mockRejectedValue(new ApiException(429, 'REFRESH_TOO_SOON', 'too soon', { 'Retry-After': '4' }));
      const response = await request(app.getHttpServer()).post('/api/v1/spaces/refresh').set('Authorization', await loginHeader(app)).expect(429);
      expect(response.body.code).toBe('REFRESH_TOO_SOON');
      expect(response.headers['retry-after']).toBe('4');
    });
  });

  describe('GET /spaces/:owner/:name', () => {
    it('answers 200 with the detail', async () => {
      service.detail.mockResolvedValue({ id: 'user1/space1' } as SpaceDetail);
      await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1').expect(200, { id: 'user1/space1' });
      expect(service.detail).toHaveBeenCalledWith('user1', 'space1', null);
    });

    it.each([
      ['a dot-dot name', '/api/v1/spaces/user1/..'],
      ['an encoded slash', '/api/v1/spaces/user1/a%2Fb'],
      ['an overlong name', `/api/v1/spaces/user1/${'a'.repeat(97)}`],
      ['a unicode owner', `/api/v1/spaces/${encodeURIComponent('用户')}/space1`],
      ['a double dash', '/api/v1/spaces/user1/a--b'],
    ])('answers 400 INVALID_SPACE_ID for %s, before any Hub call', async (_case, path) => {
      const response = await request(app.getHttpServer()).get(path).expect(400);
      expect(response.body.code).toBe('INVALID_SPACE_ID');
      expect(service.detail).not.toHaveBeenCalled();
    });

    it('answers 404 when the service finds nothing', async () => {
      service.detail.mockRejectedValue(new ApiException(404, 'SPACE_NOT_FOUND', 'Space not found'));
      const response = await request(app.getHttpServer()).get('/api/v1/spaces/user1/missing').expect(404);
      expect(response.body).toEqual({ error: 'Space not found', code: 'SPACE_NOT_FOUND' });
    });

    it('maps a Hub rate limit to 429 with Retry-After', async () => {
      service.detail.mockRejectedValue(new HubRateLimitedError('rate limited', { status: 429 }, 7000));
      const response = await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1').expect(429);
      expect(response.body.code).toBe('HUB_RATE_LIMITED');
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(6);
    });
  });

  describe('POST /spaces/:owner/:name/:action', () => {
    const result: SpaceActionResponse = { id: 'user1/space1', action: 'restart', runtime: RUNTIME };

    it('answers 401 without a session or key', async () => {
      const response = await request(app.getHttpServer()).post('/api/v1/spaces/user1/space1/restart').expect(401);
      expect(response.body.code).toBe('UNAUTHORIZED');
      expect(service.act).not.toHaveBeenCalled();
    });

    it('answers 401 with a wrong key', async () => {
      await request(app.getHttpServer()).post('/api/v1/spaces/user1/space1/restart').set('Authorization', 'Bearer wrong-key').expect(401);
      expect(service.act).not.toHaveBeenCalled();
    });

    it('answers 200 with the API key', async () => {
      service.act.mockResolvedValue(result);
      await request(app.getHttpServer()).post('/api/v1/spaces/user1/space1/restart').set('Authorization', 'Bearer the-api-key').expect(200, result);
      expect(service.act).toHaveBeenCalledWith('user1', 'space1', 'restart', expect.objectContaining({ kind: 'apiKey', role: 'admin' }));
    });

    it('answers 200 with a session, for every action', async () => {
      const header = await loginHeader(app);
      for (const action of ['restart', 'rebuild', 'pause', 'resume']) {
        service.act.mockResolvedValue({ ...result, action } as SpaceActionResponse);
        await request(app.getHttpServer()).post(`/api/v1/spaces/user1/space1/${action}`).set('Authorization', header).expect(200);
        expect(service.act).toHaveBeenLastCalledWith('user1', 'space1', action, expect.objectContaining({ kind: 'session', username: 'admin' }));
      }
    });

    it('answers 400 UNKNOWN_ACTION for an unknown action', async () => {
      const response = await request(app.getHttpServer()).post('/api/v1/spaces/user1/space1/delete').set('Authorization', 'Bearer the-api-key').expect(400);
      expect(response.body.code).toBe('UNKNOWN_ACTION');
      expect(service.act).not.toHaveBeenCalled();
    });

    it('answers 400 INVALID_SPACE_ID for a malformed name', async () => {
      const response = await request(app.getHttpServer()).post('/api/v1/spaces/user1/bad%20name/restart').set('Authorization', 'Bearer the-api-key').expect(400);
      expect(response.body.code).toBe('INVALID_SPACE_ID');
    });

    it('answers 403 when the account token may not write', async () => {
      service.act.mockRejectedValue(new ApiException(403, 'TOKEN_CANNOT_WRITE', 'read-only'));
      const response = await request(app.getHttpServer()).post('/api/v1/spaces/user2/space1/pause').set('Authorization', 'Bearer the-api-key').expect(403);
      expect(response.body.code).toBe('TOKEN_CANNOT_WRITE');
    });

    it('answers 404 for a Space outside the configured accounts', async () => {
      service.act.mockRejectedValue(new ApiException(404, 'SPACE_NOT_FOUND', 'Space not found'));
      await request(app.getHttpServer()).post('/api/v1/spaces/stranger/space1/restart').set('Authorization', 'Bearer the-api-key').expect(404);
    });
  });
});
