import { Logger, type LoggerService } from '@nestjs/common';
import { startHubEmulator, type HubEmulator, type ScenarioInput, type StartHubEmulatorOptions } from '@hfd/hub-emulator';
import { createHfClientOptions, type HfClientOptionsInput } from '../hf-client.options';
import { HfClientService } from '../hf-client.service';
import type { HubRequestEvent } from '../hub-request';

/**
 * Test-only: a small Hub (through the hub emulator, over loopback HTTP) and clients tuned
 * for tests: short delays, no jitter, so timings are exact and suites stay fast.
 */

export const TOKENS = {
  aliceWrite: 'test-alice-write',
  aliceRead: 'test-alice-read',
  bobWrite: 'test-bob-write',
  unknown: 'test-not-a-token',
} as const;

const CREATED = '2024-08-06T11:10:09.000Z';

/** alice: a public, a private, a static and an upgraded Space; bob: one Space; pager: seven, for paging. */
export const TEST_SCENARIO: ScenarioInput = {
  seed: 7,
  accounts: [
    {
      type: 'user',
      name: 'alice',
      fullname: 'Alice Test',
      email: 'alice@example.com',
      tokens: [
        { token: TOKENS.aliceWrite, role: 'write', displayName: 'dashboard' },
        { token: TOKENS.aliceRead, role: 'read', displayName: 'read-only' },
      ],
    },
    { type: 'user', name: 'bob', tokens: [{ token: TOKENS.bobWrite, role: 'write', displayName: 'bob-dashboard' }] },
    { type: 'user', name: 'pager', tokens: [] },
  ],
  spaces: [
    {
      id: 'alice/public-app',
      sdk: 'gradio',
      createdAt: CREATED,
      hardware: { requested: 'cpu-basic' },
      cardData: { title: 'Public App', emoji: '🚀', colorFrom: 'blue', colorTo: 'green', sdk_version: '5.9.1', app_file: 'app.py' },
      tags: ['demo'],
      likes: 3,
    },
    { id: 'alice/private-app', sdk: 'docker', private: true, createdAt: CREATED, hardware: { requested: 'cpu-upgrade' } },
    { id: 'alice/static-site', sdk: 'static', createdAt: CREATED },
    { id: 'bob/app', sdk: 'gradio', createdAt: CREATED, hardware: { requested: 'cpu-basic' } },
    ...Array.from({ length: 7 }, (_, index) => ({ id: `pager/space-${index}`, sdk: 'static' as const, createdAt: CREATED })),
  ],
};

export function startTestHub(options: StartHubEmulatorOptions = {}): Promise<HubEmulator> {
  return startHubEmulator({
    scenario: TEST_SCENARIO,
    timings: { buildMs: 300, startMs: 200, factoryBuildMs: 400 },
    metricsIntervalMs: 40,
    runLogIntervalMs: 40,
    ...options,
  });
}

export type TestClientOverrides = Partial<Omit<HfClientOptionsInput, 'hubEndpoint' | 'spacesEndpoint'>>;

/** A client on the emulator with test-sized delays; `overrides` change any option. */
export function testClient(hub: HubEmulator, overrides: TestClientOverrides = {}): HfClientService {
  return new HfClientService(
    createHfClientOptions({
      hubEndpoint: hub.url,
      spacesEndpoint: hub.url,
      timeoutMs: 2000,
      whoamiCacheTtlMs: 60_000,
      ...overrides,
      retry: { maxAttempts: 4, initialDelayMs: 50, maxDelayMs: 400, budgetMs: 10_000, ...overrides.retry },
      streams: { initialDelayMs: 20, maxDelayMs: 200, ...overrides.streams },
      random: () => 0,
    }),
  );
}

/** Every `requests$` event of a client, with when it arrived. */
export function recordRequests(client: HfClientService): Array<HubRequestEvent & { at: number }> {
  const events: Array<HubRequestEvent & { at: number }> = [];
  client.requests$.subscribe((event) => events.push({ ...event, at: Date.now() }));
  return events;
}

/** Captures (and so silences) every line written through Nest's Logger, so a test can look for tokens in them. */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => {
    lines.push(parts.map((part) => (part instanceof Error ? `${part.message} ${part.stack ?? ''}` : String(part))).join(' '));
  };
  const logger: LoggerService = { log: capture, error: capture, warn: capture, debug: capture, verbose: capture, fatal: capture };
  Logger.overrideLogger(logger);
  return { lines, restore: () => Logger.overrideLogger(false) };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
