import { generateScenario, startHubEmulator, type GenerateScenarioOptions, type HubEmulator, type MetricSampleObserver } from '@hfd/hub-emulator';

export interface BenchHubOptions {
  scenario: GenerateScenarioOptions;
  /** Added to every Hub request (not to events on open streams, which the Hub pushes). */
  latencyMs: number;
  metricsIntervalMs?: number;
  onMetricSample?: MetricSampleObserver;
  /** Lift the Hub's rate limits: for scenarios that restart the server many times against one emulator. */
  unlimited?: boolean;
}

/** The hub emulator, in the benchmark's own process, with a generated scenario and the latency in force. */
export async function startBenchHub(options: BenchHubOptions): Promise<HubEmulator> {
  const hub = await startHubEmulator({
    scenario: generateScenario(options.scenario),
    metricsIntervalMs: options.metricsIntervalMs ?? 1000,
    onMetricSample: options.onMetricSample,
    ...(options.unlimited ? { rateLimit: { quota: 1_000_000, anonymousQuota: 1_000_000, whoamiQuota: 10_000 } } : {}),
  });
  if (options.latencyMs > 0) hub.control.setLatency({ ms: options.latencyMs, jitterMs: 0 });
  return hub;
}

/** `HF_USER` for the accounts the scenario watches, `name:token,...`, as an operator writes it. */
export function hfUserOf(hub: HubEmulator): string {
  return hub.scenario.watch.map((watch) => `${watch.name}:${watch.token ?? ''}`).join(',');
}

/** The environment every benchmark server gets, pointed at `hubUrl`. */
export function serverEnv(hub: HubEmulator, hubUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HF_USER: hfUserOf(hub),
    HF_ENDPOINT: hubUrl,
    HF_SPACES_ENDPOINT: hubUrl,
    USER_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}
