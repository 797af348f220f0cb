import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ApiException } from '../common/errors/api.exception';
import { createTestApp } from '../testing/test-app';
import { ExternalApiController } from './external-api.controller';
import { ExternalApiService } from './external-api.service';

describe('ExternalApiController', () => {
  const service = { list: jest.fn(), info: jest.fn(), act: jest.fn() };

  beforeEach(() => {
    for (const mock of Object.values(service)) mock.mockReset();
  });

  describe('with API_KEY unset', () => {
    let app: NestExpressApplication;
    beforeAll(async () => {
      app = await createTestApp({ controllers: [ExternalApiController], providers: [{ provide: ExternalApiService, useValue: service }] });
    });
    afterAll(() => app.close());

    it.each([
      ['GET', '/api/v1/info/hf_token'],
      ['GET', '/api/v1/info/hf_token/user1/space1'],
      ['POST', '/api/v1/action/hf_token/user1/space1/restart'],
      ['POST', '/api/v1/action/hf_token/user1/space1/rebuild'],
    ])('%s %s answers 401 EXTERNAL_API_DISABLED, even with some bearer', async (method, path) => {
      const call = method === 'GET' ? request(app.getHttpServer()).get(path) : request(app.getHttpServer()).post(path);
      const response = await call.set('Authorization', 'Bearer anything').expect(401);
      expect(response.body.code).toBe('EXTERNAL_API_DISABLED');
      expect(response.body.error).toContain('API_KEY');
    });
  });

  describe('with API_KEY set', () => {
    let app: NestExpressApplication;
    const KEY = 'Bearer my-api-key';
    beforeAll(async () => {
      app = await createTestApp({
        env: { API_KEY: 'my-api-key' },
        controllers: [ExternalApiController],
        providers: [{ provide: ExternalApiService, useValue: service }],
      });
    });
    afterAll(() => app.close());

    it('answers 401 API_KEY_INVALID without the key or with another', async () => {
      expect((await request(app.getHttpServer()).get('/api/v1/info/hf_token').expect(401)).body.code).toBe('API_KEY_INVALID');
      expect((await request(app.getHttpServer()).get('/api/v1/info/hf_token').set('Authorization', 'Bearer my-api-kez').expect(401)).body.code).toBe(
        'API_KEY_INVALID',
      );
      expect(service.list).not.toHaveBeenCalled();
    });

    it('does not take a dashboard session instead of the key', async () => {
      const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'admin', password: 'correct horse' }).expect(200);
      await request(app.getHttpServer()).get('/api/v1/info/hf_token').set('Authorization', `Bearer ${login.body.accessToken}`).expect(401);
    });

    it('GET /info/:token answers 200 with the list', async () => {
      service.list.mockResolvedValue({ spaces: ['user1/space1', 'user1/space2'], total: 2 });
      await request(app.getHttpServer()).get('/api/v1/info/hf_xxx123').set('Authorization', KEY).expect(200, { spaces: ['user1/space1', 'user1/space2'], total: 2 });
      expect(service.list).toHaveBeenCalledWith('hf_xxx123', expect.objectContaining({ kind: 'apiKey', name: 'API_KEY' }));
    });

    it('GET /info/:token/:owner/:name answers 200, and 404 for a missing Space', async () => {
      service.info.mockResolvedValueOnce({ id: 'user1/space1', status: 'RUNNING' });
      await request(app.getHttpServer()).get('/api/v1/info/hf_xxx123/user1/space1').set('Authorization', KEY).expect(200, { id: 'user1/space1', status: 'RUNNING' });
      service.info.mockRejectedValueOnce(new ApiException(404, 'SPACE_NOT_FOUND', '实例未找到'));
      const missing = await request(app.getHttpServer()).get('/api/v1/info/hf_xxx123/user1/nothing').set('Authorization', KEY).expect(404);
      expect(missing.body).toEqual({ error: '实例未找到', code: 'SPACE_NOT_FOUND' });
    });

    it.each(['restart', 'rebuild'])('POST /action/:token/:owner/:name/%s answers 200', async (action) => {
      service.act.mockResolvedValue({ success: true, message: 'ok' });
      await request(app.getHttpServer()).post(`/api/v1/action/hf_xxx123/user1/space1/${action}`).set('Authorization', KEY).expect(200);
      expect(service.act).toHaveBeenCalledWith('hf_xxx123', 'user1', 'space1', action, expect.objectContaining({ kind: 'apiKey', name: 'API_KEY' }));
    });

    it('answers 400 for an action the original never had', async () => {
      const response = await request(app.getHttpServer()).post('/api/v1/action/hf_xxx123/user1/space1/pause').set('Authorization', KEY).expect(400);
      expect(response.body.code).toBe('UNKNOWN_ACTION');
    });

    it('answers 400 for a malformed Space id', async () => {
      const response = await request(app.getHttpServer()).get('/api/v1/info/hf_xxx123/user1/..').set('Authorization', KEY).expect(400);
      expect(response.body.code).toBe('INVALID_SPACE_ID');
    });

    it('answers 400 for a token that cannot be a token', async () => {
      const response = await request(app.getHttpServer()).get(`/api/v1/info/${encodeURIComponent('hf token')}`).set('Authorization', KEY).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.error).not.toContain('hf token');
    });
  });
});
