import type { AppConfigResponse, HealthResponse } from '@hfd/contracts';
import { startE2e, type E2eContext } from './e2e-harness';

async function get<T>(context: E2eContext, path: string): Promise<T> {
  const response = await fetch(`${context.url}/api/v1/${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('storage in /config and /health (e2e)', () => {
  let context: E2eContext | undefined;
  afterEach(() => context?.close());

  it('says the state is in SQLite and the database answers, with no write waiting', async () => {
    context = await startE2e();
    expect((await get<AppConfigResponse>(context, 'config')).storage).toEqual({ kind: 'sqlite', ephemeral: false });
    expect((await get<HealthResponse>(context, 'health')).database).toEqual({ kind: 'sqlite', reachable: true, error: null, queuedWrites: 0 });
  });

  it('says the SQLite file will not survive a restart in a Hugging Face Space (SPACE_ID set)', async () => {
    context = await startE2e({ env: { SPACE_ID: 'someone/dashboard' } });
    expect((await get<AppConfigResponse>(context, 'config')).storage).toEqual({ kind: 'sqlite', ephemeral: true });
  });
});
