import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ApiException } from '../common/errors/api.exception';
import { loginHeader } from '../testing/session';
import { createTestApp } from '../testing/test-app';
import { MetricHistoryQueryService } from './metric-history-query.service';
import { MetricsController } from './metrics.controller';

describe('MetricsController', () => {
  let app: NestExpressApplication;
  const history = { recent: jest.fn(), range: jest.fn() };

  beforeAll(async () => {
    app = await createTestApp({ controllers: [MetricsController], providers: [{ provide: MetricHistoryQueryService, useValue: history }] });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    history.recent.mockReset();
    history.range.mockReset();
  });

  it('answers 200 with the recent samples, to anyone, passing who asks', async () => {
    history.recent.mockReturnValue({ spaceId: 'user1/space1', samples: [], windowSeconds: 300 });
    await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1/metrics').expect(200, { spaceId: 'user1/space1', samples: [], windowSeconds: 300 });
    expect(history.recent).toHaveBeenCalledWith('user1', 'space1', null);
    await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1/metrics').set('Authorization', await loginHeader(app)).expect(200);
    expect(history.recent).toHaveBeenLastCalledWith('user1', 'space1', expect.objectContaining({ kind: 'session' }));
  });

  it('answers rollups for the longer ranges, and 400 INVALID_RANGE for another', async () => {
    const rollups = { spaceId: 'user1/space1', range: '24h', resolution: 'minute', points: [] };
    history.range.mockResolvedValue(rollups);
    await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1/metrics?range=24h').expect(200, rollups);
    expect(history.range).toHaveBeenCalledWith('user1', 'space1', '24h', null);
    await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1/metrics?range=5m').expect(200);
    expect(history.recent).toHaveBeenCalledTimes(1);
    const response = await request(app.getHttpServer()).get('/api/v1/spaces/user1/space1/metrics?range=1y').expect(400);
    expect(response.body.code).toBe('INVALID_RANGE');
  });

  it('answers 400 for a malformed id', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/spaces/user1/a..b/metrics').expect(400);
    expect(response.body.code).toBe('INVALID_SPACE_ID');
    expect(history.recent).not.toHaveBeenCalled();
  });

  it('answers 404 for a Space the caller may not see', async () => {
    history.recent.mockImplementation(() => {
      throw new ApiException(404, 'SPACE_NOT_FOUND', 'Space not found');
    });
    await request(app.getHttpServer()).get('/api/v1/spaces/user1/private-one/metrics').expect(404);
  });
});
