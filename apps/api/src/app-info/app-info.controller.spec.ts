import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../testing/test-app';
import { AppInfoController } from './app-info.controller';
import { AppInfoService } from './app-info.service';

describe('AppInfoController', () => {
  let app: NestExpressApplication;
  const config = {
    accounts: [{ name: 'user1', hasToken: true, canWrite: true, tokenRole: 'write' }],
    showPrivate: false,
    demo: true,
    version: '1.0.0',
    refreshIntervalSeconds: 30,
    singleSignOn: false,
    storage: { kind: 'sqlite', ephemeral: false },
  };
  const health = {
    status: 'ok',
    hub: { reachable: true, lastSuccessAt: '2026-01-01T00:00:00.000Z', error: null },
    database: { kind: 'sqlite', reachable: true, error: null, queuedWrites: 0 },
    uptimeSeconds: 3,
    version: '1.0.0',
  };

  beforeAll(async () => {
    app = await createTestApp({
      controllers: [AppInfoController],
      providers: [{ provide: AppInfoService, useValue: { config: () => config, health: () => health } }],
    });
  });
  afterAll(() => app.close());

  it('GET /config answers 200 to anyone', async () => {
    await request(app.getHttpServer()).get('/api/v1/config').expect(200, config);
  });

  it('GET /health answers 200 to anyone', async () => {
    await request(app.getHttpServer()).get('/api/v1/health').expect(200, health);
  });

  it('answers unknown paths under it with 404 NOT_FOUND', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/healthz').expect(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});
