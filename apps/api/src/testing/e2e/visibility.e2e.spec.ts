import type { SpaceSummary, SpacesListResponse } from '@hfd/contracts';
import { E2E_PUBLIC, E2E_VISIBLE_WHEN_LOGGED_IN } from './e2e-scenario';
import { E2E_API_KEY, StreamClient, login, startE2e, type E2eContext } from './e2e-harness';

const PRIVATE = E2E_VISIBLE_WHEN_LOGGED_IN.filter((id) => !E2E_PUBLIC.includes(id));

async function listIds(context: E2eContext, token?: string): Promise<string[]> {
  const response = await fetch(`${context.url}/api/v1/spaces`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return ((await response.json()) as SpacesListResponse).spaces.map((space) => space.id).sort();
}

async function detailStatus(context: E2eContext, id: string, token?: string): Promise<number> {
  return (await fetch(`${context.url}/api/v1/spaces/${id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })).status;
}

/** The ids of the first inventory event, and of the Spaces metric events were sent for within a while. */
async function streamView(context: E2eContext, token?: string): Promise<{ inventory: string[]; metrics: Set<string> }> {
  const client = new StreamClient(`${context.url}/api/v1/stream`, token);
  try {
    const inventory = await client.waitFor('inventory');
    await client.waitForSample();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return {
      inventory: inventory.spaces.map((space: SpaceSummary) => space.id).sort(),
      metrics: new Set(client.samples().map((sample) => sample.spaceId)),
    };
  } finally {
    client.close();
  }
}

describe('visibility (e2e)', () => {
  describe('SHOW_PRIVATE unset', () => {
    let context: E2eContext;
    beforeAll(async () => {
      context = await startE2e();
    });
    afterAll(() => context.close());

    it('shows an anonymous visitor public Spaces only, on the list', async () => {
      expect(await listIds(context)).toEqual(E2E_PUBLIC);
    });

    it('answers 404 to an anonymous visitor for a private Space, as if it did not exist', async () => {
      for (const id of PRIVATE) expect(await detailStatus(context, id)).toBe(404);
      expect(await detailStatus(context, 'user1/space1')).toBe(200);
    });

    it('streams an anonymous visitor public Spaces only: inventory and metrics', async () => {
      const view = await streamView(context);
      expect(view.inventory).toEqual(E2E_PUBLIC);
      for (const id of view.metrics) expect(E2E_PUBLIC).toContain(id);
      expect(view.metrics.has('user1/space1')).toBe(true);
    });

    it('keeps private Spaces out of the metric history and /metrics for an anonymous visitor', async () => {
      expect((await fetch(`${context.url}/api/v1/spaces/user1/space2/metrics`)).status).toBe(404);
      const scrape = await (await fetch(`${context.url}/metrics`)).text();
      for (const id of PRIVATE) expect(scrape).not.toContain(id);
      expect(scrape).toContain('user1/space1');
    });

    it('shows a logged-in user everything its accounts may see, on the list, the detail and the stream', async () => {
      const token = await login(context);
      expect(await listIds(context, token)).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
      for (const id of PRIVATE) expect(await detailStatus(context, id, token)).toBe(200);
      const view = await streamView(context, token);
      expect(view.inventory).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
    });

    it('shows the API key what a logged-in user sees, on the list, the detail, the metric history and the stream', async () => {
      expect(await listIds(context, E2E_API_KEY)).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
      for (const id of PRIVATE) expect(await detailStatus(context, id, E2E_API_KEY)).toBe(200);
      const history = await fetch(`${context.url}/api/v1/spaces/user1/space2/metrics`, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } });
      expect(history.status).toBe(200);
      const view = await streamView(context, E2E_API_KEY);
      expect(view.inventory).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
    });

    it('treats a wrong key, a logged-out session or an unsigned token as a visitor: public Spaces only', async () => {
      const loggedOut = await login(context);
      await fetch(`${context.url}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${loggedOut}` } });
      for (const credential of [`${E2E_API_KEY}x`, loggedOut, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.']) {
        expect(await listIds(context, credential)).toEqual(E2E_PUBLIC);
        for (const id of PRIVATE) expect(await detailStatus(context, id, credential)).toBe(404);
      }
    });

    it('refuses the external API without the key', async () => {
      expect((await fetch(`${context.url}/api/v1/info/${'e2e-user1-write-token'}`)).status).toBe(401);
      expect((await fetch(`${context.url}/api/v1/info/e2e-user1-write-token/user1/space2`)).status).toBe(401);
    });
  });

  describe('SHOW_PRIVATE=true', () => {
    let context: E2eContext;
    beforeAll(async () => {
      context = await startE2e({ env: { SHOW_PRIVATE: 'true' } });
    });
    afterAll(() => context.close());

    it('shows an anonymous visitor private Spaces too, on the list, the detail and the stream', async () => {
      expect(await listIds(context)).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
      for (const id of PRIVATE) expect(await detailStatus(context, id)).toBe(200);
      const view = await streamView(context);
      expect(view.inventory).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
    });
  });
});
