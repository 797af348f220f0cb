import type { NestExpressApplication } from '@nestjs/platform-express';
import { ManualClock, startHubEmulator, type HubEmulator, type ScenarioInput } from '@hfd/hub-emulator';
import type { HistoryResponse, IncidentsResponse, SpaceUptimeResponse, UptimeResponse } from '@hfd/contracts';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app/create-app';
import { E2E_API_KEY, StreamClient, eventually } from '../testing/e2e/e2e-harness';
import { StatusWatchService } from './status-watch.service';

const S = 1000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const TOKEN = 'history-write-token';
const DAY = 86_400_000;

const created = '2025-01-01T00:00:00.000Z';
const scenario: ScenarioInput = {
  seed: 14,
  accounts: [{ type: 'user', name: 'user1', tokens: [{ token: TOKEN, role: 'write', displayName: 'history' }] }],
  spaces: [
    { id: 'user1/app', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: created },
    { id: 'user1/secret', sdk: 'gradio', stage: 'RUNNING', private: true, hardware: { requested: 'cpu-basic' }, createdAt: created },
  ],
};

/**
 * The Hub plays a script on a manual clock that is also the history's clock, so every
 * transition lands on the scripted millisecond: RUNNING, a crash at 10 s, back at 40 s, this
 * server stopped from 60 s to 90 s, running again, and the figures read at 120 s.
 */
describe('History, uptime and incidents against a scripted Hub (e2e)', () => {
  const clock = new ManualClock(T0);
  let hub: HubEmulator;
  let dataDir: string;
  let app: NestExpressApplication;
  let url: string;

  async function start(): Promise<void> {
    __resetOutOfContextForTests();
    app = await createApp({
      env: { HF_USER: `user1:${TOKEN}`, API_KEY: E2E_API_KEY, USER_PASSWORD: 'history-password', HF_ENDPOINT: hub.url, HF_SPACES_ENDPOINT: hub.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      logDestination: { write: () => undefined },
      historyNow: () => clock.now(),
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }

  const get = async <T>(path: string, key: string | null = E2E_API_KEY): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${url}/api/v1${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
    return { status: response.status, body: (await response.json()) as T };
  };
  // Before the first read of the inventory the Space is not known yet (a 404).
  const stages = async () => (await get<Partial<HistoryResponse>>('/spaces/user1/app/history')).body.transitions?.map((transition) => transition.to) ?? [];

  beforeAll(async () => {
    hub = await startHubEmulator({ port: 0, clock, scenario });
    dataDir = mkdtempSync(join(tmpdir(), 'hfd-history-'));
    await start();
  });
  afterAll(async () => {
    await app.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the crash from the status stream and this server’s restart as unknown time, and computes the figures by hand', async () => {
    await eventually(async () => (await stages()).length === 1);
    // Someone opens the Space's page: its status stream is held from now on.
    const viewer = new StreamClient(`${url}/api/v1/stream?spaces=user1/app&watch=true`);
    await eventually(() => hub.counters.openStreams({ spaceId: 'user1/app', kind: 'status' }) === 1);
    hub.control.startScript('user1/app', [
      { at: '10s', stage: 'RUNTIME_ERROR', errorMessage: 'CUDA out of memory' },
      { at: '40s', stage: 'RUNNING' },
    ]);
    clock.advance(10 * S);
    await viewer.waitFor('history', (transition) => transition.to === 'RUNTIME_ERROR');
    clock.advance(30 * S);
    await viewer.waitFor('history', (transition) => transition.to === 'RUNNING' && transition.source === 'stream');
    // The stream announced the incident when it opened and when it closed.
    const closed = await viewer.waitFor('incident', (incident) => incident.end !== null);
    expect(viewer.of('incident').map((incident) => [incident.start, incident.end])).toEqual([
      [iso(10 * S), null],
      [iso(10 * S), iso(40 * S)],
    ]);
    expect(closed).toMatchObject({ spaceId: 'user1/app', cause: 'error', durationMs: 30 * S, stages: ['RUNTIME_ERROR'] });
    viewer.close();
    clock.advance(20 * S);
    await app.close();
    clock.advance(30 * S);
    await start();
    await eventually(async () => (await stages()).length === 5);
    clock.advance(30 * S);

    const history = (await get<HistoryResponse>('/spaces/user1/app/history')).body;
    expect(history.transitions.map((transition) => [transition.at, transition.from, transition.to, transition.source, transition.state])).toEqual([
      [iso(90 * S), null, 'RUNNING', 'refresh', 'up'],
      [iso(60 * S), 'RUNNING', null, 'server', 'unknown'],
      [iso(40 * S), 'RUNTIME_ERROR', 'RUNNING', 'stream', 'up'],
      [iso(10 * S), 'RUNNING', 'RUNTIME_ERROR', 'stream', 'down'],
      [iso(0), null, 'RUNNING', 'refresh', 'up'],
    ]);

    // Up 0–10, 40–60 and 90–120 s: 60 s; down 10–40 s: 30 s; the rest of the window unknown.
    const uptime = (await get<SpaceUptimeResponse>('/spaces/user1/app/uptime')).body;
    expect(uptime.at).toBe(iso(120 * S));
    expect(uptime.windows.map((figure) => [figure.window, figure.upMs, figure.downMs, figure.unknownMs])).toEqual([
      ['24h', 60 * S, 30 * S, DAY - 90 * S],
      ['7d', 60 * S, 30 * S, 7 * DAY - 90 * S],
      ['30d', 60 * S, 30 * S, 30 * DAY - 90 * S],
      ['90d', 60 * S, 30 * S, 90 * DAY - 90 * S],
    ]);
    expect(uptime.windows[0].ratio).toBeCloseTo(2 / 3, 10);
    const bar = uptime.bar ?? [];
    expect(bar).toHaveLength(96);
    expect(bar[95]).toEqual({ start: T0 + 120 * S - 15 * 60 * S, end: T0 + 120 * S, state: 'down', upMs: 60 * S, downMs: 30 * S, unknownMs: 15 * 60 * S - 90 * S, stages: ['RUNNING', 'RUNTIME_ERROR'] });
    expect(bar[94]).toMatchObject({ state: 'unknown', upMs: 0, downMs: 0 });

    const incidents = (await get<IncidentsResponse>('/incidents')).body.incidents;
    expect(incidents).toEqual([
      { spaceId: 'user1/app', start: iso(10 * S), end: iso(40 * S), durationMs: 30 * S, cause: 'error', stages: ['RUNTIME_ERROR'], steps: [] },
    ]);
    expect((await get<IncidentsResponse>('/spaces/user1/app/incidents')).body.incidents).toEqual(incidents);

    const fleet = (await get<UptimeResponse>('/uptime?windows=24h')).body;
    // user1/secret ran throughout: up 0–60 and 90–120 s.
    expect(fleet.spaces.map((space) => [space.spaceId, space.windows[0].upMs, space.windows[0].downMs])).toEqual([
      ['user1/app', 60 * S, 30 * S],
      ['user1/secret', 90 * S, 0],
    ]);
    expect(fleet.fleet[0]).toMatchObject({ upMs: 150 * S, downMs: 30 * S, ratio: 150 / 180 });
    expect(fleet.accounts).toEqual([{ account: 'user1', windows: [fleet.fleet[0]] }]);
    expect(fleet.spaces[0].bar).toBeUndefined();

    // What every card shows: each Space's bar as a strip, the same slots as the whole bar.
    const wholeBars = (await get<UptimeResponse>('/uptime?windows=24h&bar=true')).body.spaces;
    const strips = (await get<UptimeResponse>('/uptime?windows=24h&bar=strip')).body.spaces;
    expect(strips.map((space) => space.bar)).toEqual([undefined, undefined]);
    for (const [index, space] of strips.entries()) {
      const slots = wholeBars[index].bar ?? [];
      expect(slots).toHaveLength(96);
      expect(space.strip).toEqual({
        states: slots.map((slot) => slot.state),
        upMs: slots.reduce((sum, slot) => sum + slot.upMs, 0),
        downMs: slots.reduce((sum, slot) => sum + slot.downMs, 0),
      });
    }
    expect(strips[0].strip).toMatchObject({ upMs: 60 * S, downMs: 30 * S });
    expect(strips[0].strip?.states[95]).toBe('down');
  });

  it('applies the visibility rule: a visitor sees public Spaces only, and a private one is a 404', async () => {
    const anonymous = (await get<UptimeResponse>('/uptime', null)).body;
    expect(anonymous.spaces.map((space) => space.spaceId)).toEqual(['user1/app']);
    for (const path of ['/spaces/user1/secret/history', '/spaces/user1/secret/uptime', '/spaces/user1/secret/incidents']) {
      expect((await get<{ code: string }>(path, null)).body.code).toBe('SPACE_NOT_FOUND');
    }
    expect((await get<HistoryResponse>('/spaces/user1/secret/history')).status).toBe(200);
  });

  it('watches the status of a Space only for a viewer who may see it, and of at most 5 per stream', async () => {
    const watches = app.get(StatusWatchService);
    const watchedWhile = async (query: string, key: string | null): Promise<string[]> => {
      const viewer = new StreamClient(`${url}/api/v1/stream?${query}&watch=true`, key ?? undefined);
      // The watch is taken when the stream is subscribed, before its first event is written.
      await viewer.waitFor('inventory');
      const watched = watches.watched;
      viewer.close();
      return watched;
    };
    expect(await watchedWhile('spaces=user1/secret', null)).toEqual([]);
    expect(await watchedWhile('spaces=user1/secret', E2E_API_KEY)).toEqual(['user1/secret']);
    expect(await watchedWhile('spaces=user1/app,user1/secret,user1/a,user1/b,user1/c,user1/d', E2E_API_KEY)).toEqual([]);
    await eventually(() => watches.watched.length === 0);
  });

  it('refuses bad windows and ranges with a code', async () => {
    expect((await get<{ code: string }>('/uptime?windows=1y')).body.code).toBe('INVALID_WINDOW');
    const badBar = await get<{ code: string; error: string }>('/uptime?bar=yes');
    expect(badBar.status).toBe(400);
    expect(badBar.body.error).toContain('bar must be one of true, false, strip');
    expect((await get<{ code: string }>('/incidents?from=yesterday')).body.code).toBe('INVALID_TIME_RANGE');
    expect((await get<{ code: string }>(`/incidents?from=${iso(10 * S)}&to=${iso(0)}`)).body.code).toBe('INVALID_TIME_RANGE');
  });
});
