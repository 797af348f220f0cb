import { Controller, Get, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Caller } from '../../common/decorators/auth.decorator';
import { createTestApp } from '../test-app';
import { declaredRoutes, type DeclaredRoute } from './declared-routes';
import { startE2e, type E2eContext } from './e2e-harness';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
}

/** The OpenAPI security of each caller, as `@Auth` writes it. */
const SECURITY: Record<Caller, string> = {
  anyone: JSON.stringify([{}, { session: [] }, { apiKey: [] }]),
  session: JSON.stringify([{ session: [] }]),
  apiKey: JSON.stringify([{ apiKey: [] }]),
  sessionOrApiKey: JSON.stringify([{ session: [] }, { apiKey: [] }]),
};

describe('@Auth on every route (e2e)', () => {
  let context: E2eContext;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    context = await startE2e();
    routes = declaredRoutes(context.app);
  });
  afterAll(() => context.close());

  it('finds every route the application serves', () => {
    const express = context.app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouterLayer[] } };
    // Route handlers carry one method each; middleware mounted for every method is not a route.
    const served = express.router.stack.filter(
      (layer) => layer.route && Object.keys(layer.route.methods).length === 1 && !layer.route.path.startsWith('/api/docs'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes).toHaveLength(served.length);
  });

  it('has every route state who may call it, and every route that needs a credential its least role', () => {
    expect(routes.filter((route) => route.rule === undefined).map((route) => route.name)).toEqual([]);
    expect(routes.filter((route) => route.rule?.caller !== 'anyone' && route.rule?.role === undefined).map((route) => route.name)).toEqual([]);
  });

  it('states the rules the README promises', () => {
    const callers = Object.fromEntries(routes.map((route) => [route.name, route.rule]));
    expect(callers).toMatchObject({
      'AuthController.login': { caller: 'anyone' },
      'AuthController.me': { caller: 'session', role: 'viewer' },
      'AuthController.logout': { caller: 'session', role: 'viewer' },
      'SpacesController.list': { caller: 'anyone' },
      'SpacesController.detail': { caller: 'anyone' },
      'SpacesController.refresh': { caller: 'session', role: 'viewer' },
      'SpacesController.act': { caller: 'sessionOrApiKey', role: 'operator' },
      'StreamController.connect': { caller: 'anyone' },
      'PrometheusController.scrape': { caller: 'anyone', apiKeyWhen: 'METRICS_REQUIRE_API_KEY' },
      'ExternalApiController.list': { caller: 'apiKey', role: 'viewer' },
      'ExternalApiController.info': { caller: 'apiKey', role: 'viewer' },
      'ExternalApiController.act': { caller: 'apiKey', role: 'operator' },
      'UsersController.create': { caller: 'sessionOrApiKey', role: 'admin' },
      'ApiKeysController.create': { caller: 'sessionOrApiKey', role: 'admin' },
      'AuditController.page': { caller: 'sessionOrApiKey', role: 'operator' },
    });
  });

  it('documents in OpenAPI the security each rule states, route for route', async () => {
    const document = (await (await fetch(`${context.url}/api/docs-json`)).json()) as OpenApiDocument;
    const documented = Object.values(document.paths)
      .flatMap((operations) => Object.values(operations).map((operation) => JSON.stringify(operation.security ?? [])))
      .sort();
    const declared = routes.map((route) => SECURITY[route.rule?.caller ?? 'anyone']).sort();
    expect(documented).toEqual(declared);
  });
});

describe('a route without @Auth', () => {
  @Controller('forgotten')
  class ForgottenController {
    @Get()
    open(): string {
      return 'private data';
    }
  }

  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp({ controllers: [ForgottenController] });
  });
  afterAll(() => app.close());

  it('is found by the listing above', () => {
    expect(declaredRoutes(app).filter((route) => route.rule === undefined).map((route) => route.name)).toEqual(['ForgottenController.open']);
  });

  it('is refused to every caller rather than left open', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/forgotten').expect(500);
    expect(response.text).not.toContain('private data');
  });
});
