import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';

/** Logs in with the test app's credentials and answers the Authorization header value. */
export async function loginHeader(app: NestExpressApplication, username = 'admin', password = 'correct horse'): Promise<string> {
  const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username, password }).expect(200);
  return `Bearer ${(response.body as { accessToken: string }).accessToken}`;
}
