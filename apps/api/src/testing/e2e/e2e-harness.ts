import type { NestExpressApplication } from '@nestjs/platform-express';
import { startHubEmulator, type HubEmulator, type ScenarioInput, type StartHubEmulatorOptions } from '@hfd/hub-emulator';
import { sseStream, type SseEvent } from '@hfd/sse-client';
import type { MetricSample, StreamEventMap } from '@hfd/contracts';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplaySubject, Subscription, filter, firstValueFrom, timeout } from 'rxjs';
import { createApp } from '../../app/create-app';
import type { EngineOptions } from '../../automation/automation-engine.service';
import { E2E_HF_USER, e2eScenario } from './e2e-scenario';

export interface E2eOptions {
  /** Over the defaults: the e2e accounts, a known password and key, the emulator as the Hub. */
  env?: Record<string, string | undefined>;
  scenario?: ScenarioInput;
  emulator?: Omit<StartHubEmulatorOptions, 'scenario' | 'port'>;
  /** The log destination says it is a terminal, as standard output does at one. */
  terminal?: boolean;
  /** The automation engine's options; `onHubClock` runs it on the emulator's (scaled) clock. */
  automation?: Partial<EngineOptions> & { onHubClock?: boolean };
  /** The history's clock (the emulator's manual clock, say). */
  historyNow?: () => number;
}

export interface E2eContext {
  app: NestExpressApplication;
  emulator: HubEmulator;
  /** `http://127.0.0.1:<port>` of the API. */
  url: string;
  /** Every log line the API wrote, as JSON text. */
  logs: string[];
  close(): Promise<void>;
}

function engineOptions(options: E2eOptions['automation'], emulator: HubEmulator): Partial<EngineOptions> | undefined {
  if (options === undefined) return undefined;
  const { onHubClock, ...engine } = options;
  return onHubClock ? { ...engine, now: () => emulator.clock.now() } : engine;
}

export const E2E_PASSWORD = 'e2e-password-123';
export const E2E_API_KEY = 'e2e-api-key-abcdef';

/** The real application on an ephemeral port, talking over loopback HTTP to a fresh hub emulator. */
export async function startE2e(options: E2eOptions = {}): Promise<E2eContext> {
  const emulator = await startHubEmulator({ port: 0, metricsIntervalMs: 250, ...options.emulator, scenario: options.scenario ?? e2eScenario() });
  const logs: string[] = [];
  // The database of this application only, unless the test names one (to restart on it, say).
  const dataDir = options.env?.['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'hfd-e2e-'));
  const ownsDataDir = options.env?.['DATA_DIR'] === undefined;
  // nestjs-pino keeps the first application's logger for lines written outside a request;
  // each application of a test file must write to its own buffer.
  __resetOutOfContextForTests();
  const destination = { write: (line: string) => void logs.push(line), isTTY: options.terminal };
  const app = await createApp({
    env: {
      HF_USER: E2E_HF_USER,
      USER_PASSWORD: E2E_PASSWORD,
      API_KEY: E2E_API_KEY,
      HF_ENDPOINT: emulator.url,
      HF_SPACES_ENDPOINT: emulator.url,
      SPACE_URL_TEMPLATE: `${emulator.url}/_apps/{subdomain}`,
      HUB_TIMEOUT: '5s',
      LOG_LEVEL: 'debug',
      DATA_DIR: dataDir,
      ...options.env,
    },
    logDestination: destination,
    automation: engineOptions(options.automation, emulator),
    historyNow: options.historyNow,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    emulator,
    url: `http://127.0.0.1:${port}`,
    logs,
    close: async () => {
      await app.close();
      await emulator.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(context: E2eContext): Promise<string> {
  const response = await fetch(`${context.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: E2E_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const STREAM_EVENT_NAMES: Record<keyof StreamEventMap, true> = { inventory: true, 'inventory-change': true, status: true, metric: true, history: true, incident: true, 'session-ended': true };

export type StreamMessage = { [K in keyof StreamEventMap]: { event: K; data: StreamEventMap[K] } }[keyof StreamEventMap];

/** A client of /api/v1/stream that keeps every event, with a way to wait for one. */
export class StreamClient {
  readonly events: StreamMessage[] = [];
  readonly comments: string[] = [];
  private readonly feed = new ReplaySubject<StreamMessage>();
  private readonly subscription: Subscription;

  constructor(url: string, token?: string) {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    this.subscription = sseStream(() => ({ url, init: { headers } }), { onComment: (comment) => this.comments.push(comment) }).subscribe(
      (event: SseEvent) => {
        if (!(event.event in STREAM_EVENT_NAMES)) return;
        const message = { event: event.event, data: JSON.parse(event.data) } as StreamMessage;
        this.events.push(message);
        this.feed.next(message);
      },
    );
  }

  of<K extends keyof StreamEventMap>(event: K): StreamEventMap[K][] {
    return this.events.filter((message) => message.event === event).map((message) => message.data as StreamEventMap[K]);
  }

  /** Every metric sample received, the batches of the `metric` events flattened. */
  samples(): MetricSample[] {
    return this.of('metric').flat();
  }

  /** Resolves with the first sample (past or future) that matches. */
  waitForSample(predicate: (sample: MetricSample) => boolean = () => true, timeoutMs = 15_000): Promise<MetricSample> {
    return this.waitFor('metric', (batch) => batch.some(predicate), timeoutMs).then((batch) => batch.find(predicate) as MetricSample);
  }

  /** Resolves with the first event (past or future) that matches. */
  waitFor<K extends keyof StreamEventMap>(event: K, predicate: (data: StreamEventMap[K]) => boolean = () => true, timeoutMs = 15_000): Promise<StreamEventMap[K]> {
    return firstValueFrom(
      this.feed.pipe(
        filter((message) => message.event === event && predicate(message.data as StreamEventMap[K])),
        timeout(timeoutMs),
      ),
    ).then((message) => message.data as StreamEventMap[K]);
  }

  close(): void {
    this.subscription.unsubscribe();
    this.feed.complete();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, stepMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(stepMs);
  }
}
