import type { NestExpressApplication } from '@nestjs/platform-express';
import { of } from 'rxjs';
import request from 'supertest';
import { loginHeader } from '../testing/session';
import { createTestApp } from '../testing/test-app';
import { StreamController } from './stream.controller';
import { StreamService } from './stream.service';

describe('StreamController', () => {
  let app: NestExpressApplication;
  const service = { connect: jest.fn() };

  beforeAll(async () => {
    app = await createTestApp({ controllers: [StreamController], providers: [{ provide: StreamService, useValue: service }] });
  });
  afterAll(() => app.close());
  beforeEach(() => service.connect.mockReset().mockReturnValue(of({ type: 'inventory', data: { spaces: [] } })));

  it('answers 200 with an event stream to an anonymous visitor', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/stream').expect(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(response.text).toContain('event: inventory\n');
    expect(response.text).toContain('data: {"spaces":[]}\n');
    expect(service.connect).toHaveBeenCalledWith(null, null);
  });

  it('passes the session on when one is sent in the Authorization header', async () => {
    await request(app.getHttpServer()).get('/api/v1/stream').set('Authorization', await loginHeader(app)).expect(200);
    expect(service.connect).toHaveBeenCalledWith(expect.objectContaining({ kind: 'session' }), null);
  });

  it('narrows to ?spaces=, case-insensitively', async () => {
    await request(app.getHttpServer()).get('/api/v1/stream?spaces=User1/Space1,user2/space2').expect(200);
    expect(service.connect).toHaveBeenCalledWith(null, new Set(['user1/space1', 'user2/space2']));
  });

  it.each([
    ['a malformed id', '?spaces=user1'],
    ['a path trick', '?spaces=user1/..'],
    ['a repeated parameter', '?spaces=a/b&spaces=c/d'],
    ['too many ids', `?spaces=${Array.from({ length: 1001 }, (_, i) => `u/s${i}`).join(',')}`],
  ])('answers 400 for %s, before streaming anything', async (_case, query) => {
    const response = await request(app.getHttpServer()).get(`/api/v1/stream${query}`).expect(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(service.connect).not.toHaveBeenCalled();
  });
});
