import { startHubEmulator, type HubEmulator, type StartHubEmulatorOptions } from '@hfd/hub-emulator';
import type { HealthResponse, SpacesListResponse } from '@hfd/contracts';
import { ServerProcess, ensureProductionBuild, eventually, getJson, httpRequest } from '@hfd/test-support';
import { HF_USER, resilienceScenario } from './scenario';

const PASSWORD = 'resilience-password-1';
const API_KEY = 'resilience-api-key-1';
/** For a `beforeAll` that starts a rig: without a production build it first runs `npm run build`, minutes on 2 cores. */
export const RIG_START_TIMEOUT_MS = 15 * 60_000;
/** The shortest refresh the configuration allows, so recoveries show within seconds. */
export const REFRESH_INTERVAL_MS = 5000;

export interface Rig {
  hub: HubEmulator;
  server: ServerProcess;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Over the defaults below (HUB_TIMEOUT 5s, REFRESH_INTERVAL 5s, LOG_LEVEL info). */
  env?: Record<string, string>;
  emulator?: Omit<StartHubEmulatorOptions, 'port'>;
  /** Called with the emulator before the server starts, e.g. to take the Hub down first. */
  beforeServer?: (hub: HubEmulator) => void;
}

/** The hub emulator in this process, and the production server as a child process pointed at it. */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  await ensureProductionBuild();
  const hub = await startHubEmulator({ scenario: resilienceScenario, metricsIntervalMs: 500, ...options.emulator, port: 0 });
  let server: ServerProcess;
  try {
    options.beforeServer?.(hub);
    server = await ServerProcess.start({
      env: {
        HF_USER,
        HF_ENDPOINT: hub.url,
        HF_SPACES_ENDPOINT: hub.url,
        USER_PASSWORD: PASSWORD,
        API_KEY,
        REFRESH_INTERVAL: `${REFRESH_INTERVAL_MS / 1000}s`,
        HUB_TIMEOUT: '5s',
        LOG_LEVEL: 'info',
        ...options.env,
      },
    });
  } catch (error) {
    await hub.close();
    throw error;
  }
  return {
    hub,
    server,
    close: async () => {
      await server.stop();
      await hub.close();
    },
  };
}

export function spacesOf(server: ServerProcess): Promise<SpacesListResponse> {
  return getJson<SpacesListResponse>(`${server.url}/api/v1/spaces`);
}

/** The `Authorization` header of a fresh login session: what a detail read from the Hub needs. */
export async function sessionHeaders(server: ServerProcess): Promise<Record<string, string>> {
  const reply = await httpRequest(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (reply.status !== 200) throw new Error(`login answered ${reply.status}`);
  return { Authorization: `Bearer ${reply.json<{ accessToken: string }>().accessToken}` };
}

export function healthOf(server: ServerProcess): Promise<HealthResponse> {
  return getJson<HealthResponse>(`${server.url}/api/v1/health`);
}

/** Fresh data of every account: what a healthy server answers once a refresh has landed. */
export function isFresh(list: SpacesListResponse): boolean {
  return !list.stale && list.fetchedAt !== null && list.accounts.every((account) => account.error === null && account.fetchedAt !== null);
}

export function waitForFreshInventory(server: ServerProcess, timeoutMs = 30_000): Promise<SpacesListResponse> {
  return eventually('a fresh inventory of every account', () => spacesOf(server), isFresh, timeoutMs);
}

/** The value of one unlabelled series of `/metrics`, as a Prometheus scrape reads it (0 when absent). */
export async function prometheusValue(server: ServerProcess, name: string): Promise<number> {
  const reply = await httpRequest(`${server.url}/metrics`);
  if (reply.status !== 200) throw new Error(`GET /metrics answered ${reply.status}`);
  const line = reply.text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
}
