import { startHubEmulator, type HubEmulator, type StartHubEmulatorOptions } from '../lib/emulator';

/** Short stage durations so timelines finish in well under a second. */
export const FAST_TIMINGS = { buildMs: 150, startMs: 100, factoryBuildMs: 300 };

/** Starts an emulator for one spec file and closes it after, so Jest exits on its own. */
export function useHub(options: StartHubEmulatorOptions = {}): () => HubEmulator {
  let hub: HubEmulator | undefined;
  beforeAll(async () => {
    hub = await startHubEmulator({ timings: FAST_TIMINGS, metricsIntervalMs: 100, keepAliveMs: 200, ...options });
  });
  afterAll(async () => {
    await hub?.close();
  });
  return () => {
    if (!hub) throw new Error('The hub is not started yet');
    return hub;
  };
}

export function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}

/** A JSON request to the hub; the body is parsed when it is JSON. */
export async function call(
  hub: HubEmulator,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const headers: Record<string, string> = { ...bearer(init.token), ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${hub.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  if (response.headers.get('content-type')?.includes('application/json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body, text };
}

/** Polls until `check` passes; for state reached through timers. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until a synchronous condition holds, e.g. on what an SSE client has received. */
export async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
