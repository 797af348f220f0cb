import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp } from '../testing/test-app';

describe('serving the dashboard on the API port', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    mkdirSync(join(dir, 'i18n'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><hf-root></hf-root></body></html>');
    writeFileSync(join(dir, 'main-ABCD1234.js'), 'console.log("app");'.repeat(200));
    writeFileSync(join(dir, 'i18n', 'en.json'), '{"hello":"Hello"}');
    app = await createTestApp({ env: { DASHBOARD_DIR: dir } });
  });

  afterAll(() => app.close());

  it('serves index.html at / and never lets it be cached', async () => {
    const response = await request(app.getHttpServer()).get('/').expect(200);
    expect(response.text).toContain('<hf-root>');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('falls back to index.html for the single-page app routes', async () => {
    const response = await request(app.getHttpServer()).get('/spaces?status=running').expect(200);
    expect(response.text).toContain('<hf-root>');
  });

  it('caches hashed assets for a year', async () => {
    const response = await request(app.getHttpServer()).get('/main-ABCD1234.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates files whose names carry no hash', async () => {
    const response = await request(app.getHttpServer()).get('/i18n/en.json').expect(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('compresses what it serves', async () => {
    const response = await request(app.getHttpServer()).get('/main-ABCD1234.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('answers unknown API paths with a JSON 404, not the page', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/nothing-here').expect(404);
    expect(response.body).toEqual({ error: expect.any(String), code: 'NOT_FOUND' });
  });

  it('sends a Content-Security-Policy without inline scripts', async () => {
    const response = await request(app.getHttpServer()).get('/').expect(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
