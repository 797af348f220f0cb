import { startE2e, type E2eContext } from './e2e-harness';

/** Anonymous visitors must not be able to spend the configured tokens' Hub rate limit. */
describe("the owner's Hub quota (e2e)", () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e();
    // The first inventory read completes before the checks below count anything.
    await fetch(`${context.url}/api/v1/spaces`);
  });
  afterAll(() => context.close());

  const infoRequests = () => context.emulator.counters.requests({ route: 'space-info' });

  it('answers names the inventory does not list with 404, without asking the Hub', async () => {
    const before = infoRequests();
    for (let index = 0; index < 20; index++) {
      expect((await fetch(`${context.url}/api/v1/spaces/user1/no-such-space-${index}`)).status).toBe(404);
    }
    expect(infoRequests()).toBe(before);
  });

  it('answers an anonymous visitor asking for a private Space with 404, without asking the Hub', async () => {
    const before = infoRequests();
    for (let index = 0; index < 20; index++) expect((await fetch(`${context.url}/api/v1/spaces/user1/space2`)).status).toBe(404);
    expect(infoRequests()).toBe(before);
  });

  it('reads a public Space from the Hub once for a stream of calls within a few seconds', async () => {
    const before = infoRequests();
    for (let index = 0; index < 20; index++) expect((await fetch(`${context.url}/api/v1/spaces/user1/space1`)).status).toBe(200);
    expect(infoRequests() - before).toBe(1);
  });
});
