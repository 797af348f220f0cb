import { E2E_API_KEY, StreamClient, login, startE2e, type E2eContext } from '../../testing/e2e/e2e-harness';

/** The value of the first series line that starts with `prefix` (name and labels), or null. */
function value(scrape: string, prefix: string): number | null {
  const line = scrape.split('\n').find((candidate) => candidate.startsWith(prefix));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics (Prometheus)', () => {
  let context: E2eContext;
  let scrape: string;
  let withKey: string;

  beforeAll(async () => {
    context = await startE2e();
    const session = await login(context);
    await fetch(`${context.url}/api/v1/spaces`);
    const stream = new StreamClient(`${context.url}/api/v1/stream?spaces=user1/space1,org1/org-app`);
    await stream.waitForSample((sample) => sample.spaceId === 'user1/space1');
    await stream.waitForSample((sample) => sample.spaceId === 'org1/org-app');
    await fetch(`${context.url}/api/v1/spaces/user1/space3/pause`, { method: 'POST', headers: { Authorization: `Bearer ${session}` } });
    const response = await fetch(`${context.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    scrape = await response.text();
    withKey = await (await fetch(`${context.url}/metrics`, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } })).text();
    stream.close();
  });
  afterAll(() => context.close());

  it('gives each Space its stage, labelled by Space, account, stage and group', () => {
    expect(value(scrape, 'hfd_space_stage{space="user1/space1",account="user1",stage="RUNNING",group="running"}')).toBe(1);
    expect(value(scrape, 'hfd_space_stage{space="user1/space1",account="user1",stage="PAUSED",group="paused"}')).toBe(0);
    expect(value(scrape, 'hfd_space_stage{space="org1/org-broken",account="org1",stage="RUNTIME_ERROR",group="error"}')).toBe(1);
  });

  it('gives each Space its uptime per window, the time before the first read left out', () => {
    for (const window of ['24h', '7d', '30d']) {
      expect(value(scrape, `hfd_space_uptime_ratio{space="user1/space1",account="user1",window="${window}"}`)).toBe(1);
      expect(value(scrape, `hfd_space_uptime_ratio{space="org1/org-broken",account="org1",window="${window}"}`)).toBe(0);
    }
    expect(scrape).not.toContain('hfd_space_uptime_ratio{space="user1/space2"');
  });

  it('gives each watched running Space its CPU, memory and network gauges', () => {
    for (const name of [
      'hfd_space_cpu_usage_percent',
      'hfd_space_memory_used_bytes',
      'hfd_space_memory_total_bytes',
      'hfd_space_network_receive_bytes_per_second',
      'hfd_space_network_transmit_bytes_per_second',
    ]) {
      expect(value(scrape, `${name}{space="user1/space1",account="user1"}`)).toEqual(expect.any(Number));
      expect(value(scrape, `${name}{space="org1/org-app",account="org1"}`)).not.toBeNull();
    }
  });

  it('counts Hub requests by route and status, with a latency histogram', () => {
    expect(value(scrape, 'hfd_hub_requests_total{route="GET /api/spaces",status="200"}')).toBeGreaterThanOrEqual(4);
    expect(value(scrape, 'hfd_hub_requests_total{route="POST /api/spaces/{owner}/{name}/pause",status="200"}')).toBe(1);
    expect(value(scrape, 'hfd_hub_request_duration_seconds_count{route="GET /api/spaces"}')).toBeGreaterThanOrEqual(4);
    expect(value(scrape, 'hfd_hub_request_duration_seconds_bucket{le="+Inf",route="GET /api/spaces"}')).toBeGreaterThanOrEqual(4);
  });

  it('shows the Hub quota left only to a scraper with the API key', () => {
    expect(scrape).not.toContain('hfd_hub_rate_limit_remaining');
    expect(value(withKey, 'hfd_hub_rate_limit_remaining')).toBeGreaterThan(0);
  });

  it('counts stream clients and upstream streams', () => {
    expect(value(scrape, 'hfd_stream_clients')).toBe(1);
    expect(value(scrape, 'hfd_upstream_streams')).toBe(2);
  });

  it('shows private Spaces only to a scraper with the API key', () => {
    expect(scrape).not.toContain('user1/space2');
    expect(withKey).toContain('hfd_space_stage{space="user1/space2"');
  });
});

describe('GET /metrics with METRICS_REQUIRE_API_KEY=true', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ env: { METRICS_REQUIRE_API_KEY: 'true' } });
  });
  afterAll(() => context.close());

  it('answers 401 without the key, or with a session instead of it', async () => {
    expect((await fetch(`${context.url}/metrics`)).status).toBe(401);
    const session = await login(context);
    expect((await fetch(`${context.url}/metrics`, { headers: { Authorization: `Bearer ${session}` } })).status).toBe(401);
  });

  it('answers 200 with the key, the Hub quota left included', async () => {
    await fetch(`${context.url}/api/v1/spaces`);
    const response = await fetch(`${context.url}/metrics`, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('hfd_upstream_streams');
    expect(value(text, 'hfd_hub_rate_limit_remaining')).toBeGreaterThan(0);
  });
});
