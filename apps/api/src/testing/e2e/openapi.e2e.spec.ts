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
    const answers = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        path,
        method,
        // A redirect (single sign-on) succeeds with a 302.
        success: Object.entries(operation.responses).find(([status]) => status.startsWith('2') || status === '302')?.[1],
      })),
    );
    expect(answers.filter((answer) => answer.success === undefined)).toEqual([]);
    const json = answers.filter((answer) => answer.success?.content?.['application/json'] !== undefined);
    expect(json.length).toBeGreaterThanOrEqual(10);
    expect(json.filter((answer) => answer.success?.content?.['application/json']?.schema === undefined)).toEqual([]);
    // Every schema they name, at any depth (arrays name theirs in `items`), is in the document.
    const named = JSON.stringify(json.map((answer) => answer.success)).match(/(?<="\$ref":"#\/components\/schemas\/)[^"]+/g) ?? [];
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(named.filter((name) => document.components.schemas[name] === undefined)).toEqual([]);
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await fetch(`${context.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
