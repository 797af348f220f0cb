import { startE2e, type E2eContext } from './e2e-harness';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Nest's `:param` routes as OpenAPI spells them. */
function toOpenApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

describe('the OpenAPI document (e2e)', () => {
  let context: E2eContext;
  let document: OpenApiDocument;

  beforeAll(async () => {
    context = await startE2e();
    const response = await fetch(`${context.url}/api/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => context.close());

  it('documents every route the application serves, and nothing else', () => {
    const express = context.app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouterLayer[] } };
    // Route handlers carry one method each; middleware mounted for every method is not a route.
    const served = express.router.stack
      .filter((layer) => layer.route && Object.keys(layer.route.methods).length === 1 && !layer.route.path.startsWith('/api/docs'))
      .map((layer) => `${Object.keys(layer.route?.methods ?? {})[0]} ${toOpenApiPath(layer.route?.path ?? '')}`)
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(15);
    expect(documented).toEqual(served);
  });

  it('gives every JSON answer a schema that exists', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        expect([path, method, success !== undefined]).toEqual([path, method, true]);
        const json = success?.[1].content?.['application/json']?.schema as { $ref?: string } | undefined;
        if (json?.$ref) expect(document.components.schemas[json.$ref.split('/').pop() ?? '']).toBeDefined();
      }
    }
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await fetch(`${context.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
