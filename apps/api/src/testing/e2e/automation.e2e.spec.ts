import type { AuditPage, Automation, AutomationList, AutomationRunList, AutomationRunResponse, HistoryResponse, IncidentsResponse } from '@hfd/contracts';
import type { ScenarioInput } from '@hfd/hub-emulator';
import { eventually, startE2e, type E2eContext } from './e2e-harness';
import { E2E_HF_USER, E2E_TOKENS } from './e2e-scenario';
import { adminToken, call } from './people-helpers';

/** The Hub's time runs 600 times faster than the real one: ten Hub minutes pass in a real second. */
const TIME_SCALE = 600;
const created = '2024-05-01T10:00:00.000Z';

function scenario(): ScenarioInput {
  return {
    seed: 3,
    timeScale: TIME_SCALE,
    sleepAfterGcTimeout: true,
    timings: { buildMs: 60_000, startMs: 30_000, factoryBuildMs: 120_000 },
    accounts: [
      { type: 'user', name: 'user1', tokens: [{ token: E2E_TOKENS.user1Write, role: 'write', displayName: 'e2e-write' }] },
      { type: 'org', name: 'org1', members: [{ user: 'user1', roleInOrg: 'admin' }] },
      { type: 'user', name: 'user2', tokens: [{ token: E2E_TOKENS.user2Read, role: 'read', displayName: 'e2e-read' }] },
      { type: 'user', name: 'user3' },
    ],
    spaces: [
      // Sleep after 20 minutes without a visit: two real seconds.
      { id: 'user1/awake', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-upgrade' }, gcTimeout: 1200, createdAt: created },
      { id: 'user1/dozy', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-upgrade' }, gcTimeout: 1200, createdAt: created },
      { id: 'user1/crashy', sdk: 'gradio', stage: 'RUNTIME_ERROR', errorMessage: 'boom', hardware: { requested: 'cpu-basic' }, crashLoop: { after: '1m' }, createdAt: created },
      { id: 'user1/mute', sdk: 'docker', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, app: { status: 500, body: 'Internal error' }, createdAt: created },
      { id: 'user1/held', sdk: 'gradio', stage: 'RUNTIME_ERROR', errorMessage: 'boom', hardware: { requested: 'cpu-basic' }, createdAt: created },
      { id: 'user2/readonly', sdk: 'gradio', stage: 'RUNTIME_ERROR', errorMessage: 'boom', hardware: { requested: 'cpu-basic' }, createdAt: created },
    ],
  };
}

interface ControlSnapshot {
  stage: string;
  activity: { visits: number; restarts: number; rebuilds: number; sleeps: number };
}

describe('automation against the hub emulator (e2e)', () => {
  let context: E2eContext;
  let admin: string;

  async function emulated(id: string): Promise<ControlSnapshot> {
    return (await (await fetch(`${context.emulator.url}/__emulator/spaces/${id}`)).json()) as ControlSnapshot;
  }

  async function create(body: Record<string, unknown>): Promise<Automation> {
    const reply = await call<Automation>(context, 'POST', '/automations', admin, body);
    if (reply.status !== 201) throw new Error(`creating answered ${reply.status} ${reply.text}`);
    return reply.body;
  }

  async function automation(id: string): Promise<Automation | undefined> {
    return (await call<AutomationList>(context, 'GET', '/automations', admin)).body.automations.find((rule) => rule.id === id);
  }

  beforeAll(async () => {
    context = await startE2e({
      scenario: scenario(),
      env: { HF_USER: E2E_HF_USER, REFRESH_INTERVAL: '5s' },
      // A lease far longer than any step, in Hub time (which runs 600 times faster).
      automation: { onHubClock: true, tickMs: 100, leaseMs: 30 * 86_400_000 },
    });
    admin = await adminToken(context);
    await eventually(async () => (await call<{ spaces: unknown[] }>(context, 'GET', '/spaces', admin)).body.spaces?.length === 6);
  }, 60_000);
  afterAll(() => context.close());

  it('refuses bad rules with 400 and the reason, and stores nothing', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ name: 'x', kind: 'schedule', targets: { spaces: ['user1/awake'] }, cron: '61 * * * *', timezone: 'UTC', action: 'restart' }, 'INVALID_CRON'],
      [{ name: 'x', kind: 'schedule', targets: { spaces: ['user1/awake'] }, cron: '0 4 * * *', timezone: 'Mars/Olympus', action: 'restart' }, 'INVALID_TIMEZONE'],
      [{ name: 'x', kind: 'keep-alive', targets: { spaces: ['user1/awake'] }, intervalSeconds: 59 }, 'INTERVAL_TOO_SHORT'],
      [{ name: 'x', kind: 'probe', targets: { spaces: ['user1/awake'] }, intervalSeconds: 9 }, 'INTERVAL_TOO_SHORT'],
      [{ name: 'x', kind: 'keep-alive', targets: { spaces: ['user1/no-such-space'] } }, 'TARGET_MATCHES_NOTHING'],
      [{ name: 'x', kind: 'keep-alive', targets: { filter: { namePattern: 'nobody/*' } } }, 'TARGET_MATCHES_NOTHING'],
      [{ name: 'x', kind: 'keep-alive', targets: {} }, 'TARGET_MATCHES_NOTHING'],
      [{ name: 'x', kind: 'recovery', targets: { spaces: ['user2/readonly'] }, graceSeconds: 0 }, 'TOKEN_CANNOT_WRITE'],
      [{ name: 'x', kind: 'recovery', targets: { spaces: ['user1/held'] } }, 'INVALID_AUTOMATION'],
      [{ name: 'x', kind: 'keep-alive', targets: { spaces: ['user1/awake'] }, cron: '0 * * * *' }, 'INVALID_AUTOMATION'],
      [{ name: 'x', kind: 'nap', targets: { spaces: ['user1/awake'] } }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of bad) {
      const reply = await call<{ code: string; error: string }>(context, 'POST', '/automations', admin, body);
      expect([reply.status, reply.body.code, body]).toEqual([400, code, body]);
      expect(reply.body.error.length).toBeGreaterThan(10);
    }
    expect((await call<AutomationList>(context, 'GET', '/automations', admin)).body.automations).toEqual([]);
    // A read-only token may still be visited: a keep-alive needs no write access.
    const visitOnly = await create({ name: 'visit readonly', kind: 'keep-alive', targets: { spaces: ['user2/readonly'] }, enabled: false });
    expect((await call(context, 'DELETE', `/automations/${visitOnly.id}`, admin)).status).toBe(204);
  });

  it('keeps a Space awake past its sleep time while one without a rule falls asleep', async () => {
    const rule = await create({ name: 'stay awake', kind: 'keep-alive', targets: { spaces: ['user1/awake'] } });
    const start = context.emulator.clock.now();
    // Upgraded hardware goes to STOPPED rather than SLEEPING: counted as a sleep either way.
    await eventually(async () => (await emulated('user1/dozy')).activity.sleeps > 0, 20_000);
    // Three sleep times of the Hub later, the kept Space still runs, visited every ten Hub minutes.
    await eventually(() => context.emulator.clock.now() > start + 3 * 1_200_000, 20_000);
    const awake = await emulated('user1/awake');
    expect(awake.stage).toBe('RUNNING');
    expect(awake.activity.sleeps).toBe(0);
    expect(awake.activity.visits).toBeGreaterThanOrEqual(5);
    const runs = (await call<AutomationRunList>(context, 'GET', `/automations/${rule.id}/runs`, admin)).body.runs;
    expect(runs[0]).toMatchObject({ spaceId: 'user1/awake', step: 'visit', result: 'success' });
    expect((await call(context, 'PATCH', `/automations/${rule.id}`, admin, { enabled: false })).status).toBe(200);
  }, 60_000);

  it('restarts a crash loop, then rebuilds it, then gives up after the cap, with audit entries by the rule', async () => {
    const rule = await create({ name: 'crash ladder', kind: 'recovery', targets: { spaces: ['user1/crashy'] }, graceSeconds: 0, backoffSeconds: 0, maxAttemptsPerDay: 2, rebuildWindowSeconds: 86_400 });
    await eventually(async () => (await automation(rule.id))?.spaces[0]?.gaveUpAt != null, 45_000, 250);
    const activity = (await emulated('user1/crashy')).activity;
    expect([activity.restarts, activity.rebuilds]).toEqual([1, 1]);
    const audit = (await call<AuditPage>(context, 'GET', '/audit?space=user1/crashy', admin)).body.entries.reverse();
    expect(audit.map((entry) => [entry.actorType, entry.actor, entry.kind, entry.result, entry.detail])).toEqual([
      ['rule', 'crash ladder', 'space.action', 'success', 'restart (RUNTIME_ERROR)'],
      ['rule', 'crash ladder', 'space.action', 'success', 'rebuild (RUNTIME_ERROR)'],
      ['rule', 'crash ladder', 'automation.gave-up', 'failure', 'RUNTIME_ERROR: 2 attempts in 24 hours'],
    ]);
    const runs = (await call<AutomationRunList>(context, 'GET', `/automations/${rule.id}/runs`, admin)).body.runs;
    expect(runs.map((run) => [run.step, run.result])).toEqual([
      ['give-up', 'gave-up'],
      ['rebuild', 'success'],
      ['restart', 'success'],
    ]);
    // The history records the ladder's steps as automation, with the rule as the actor.
    const history = (await call<HistoryResponse>(context, 'GET', '/spaces/user1/crashy/history', admin)).body;
    expect(history.transitions.filter((transition) => transition.source === 'automation').map((transition) => transition.actor)).toContain('crash ladder');
    const metrics = await (await fetch(`${context.url}/metrics`)).text();
    expect(metrics).toMatch(/hfd_automation_give_ups_total 1/);
    expect(metrics).toMatch(/hfd_automation_runs_total\{kind="recovery",step="restart",result="success"\} 1/);
  }, 60_000);

  it('records a probe failing while the Hub says RUNNING', async () => {
    const rule = await create({ name: 'mute probe', kind: 'probe', targets: { spaces: ['user1/mute'] }, intervalSeconds: 600, keyword: 'Welcome' });
    await eventually(async () => (await call<AutomationRunList>(context, 'GET', `/automations/${rule.id}/runs`, admin)).body.runs.length > 0, 15_000, 250);
    const [run] = (await call<AutomationRunList>(context, 'GET', `/automations/${rule.id}/runs`, admin)).body.runs;
    expect(run).toMatchObject({ spaceId: 'user1/mute', step: 'probe', result: 'failure', detail: 'running but not answering: status 500 (expected 200)' });
    expect((await emulated('user1/mute')).stage).toBe('RUNNING');
    // The history opens an incident: down while RUNNING, the probe's rule named in it.
    await eventually(async () => (await call<IncidentsResponse>(context, 'GET', '/spaces/user1/mute/incidents', admin)).body.incidents.length > 0, 10_000, 250);
    const [incident] = (await call<IncidentsResponse>(context, 'GET', '/spaces/user1/mute/incidents', admin)).body.incidents;
    expect(incident).toMatchObject({ end: null, cause: 'down', stages: ['RUNNING'] });
    expect(incident.steps.map((step) => [step.source, step.actor])).toContainEqual(['automation', 'mute probe']);
    expect((await call(context, 'DELETE', `/automations/${rule.id}`, admin)).status).toBe(204);
  }, 30_000);

  it('holds every rule during a maintenance window, says so in a dry run, and acts once it is gone', async () => {
    const window = await create({ name: 'upgrade night', kind: 'maintenance', targets: { accounts: ['user1'] }, start: new Date(context.emulator.clock.now() - 60_000).toISOString(), durationMinutes: 7 * 1440 });
    const ladder = await create({ name: 'held ladder', kind: 'recovery', targets: { spaces: ['user1/held'] }, graceSeconds: 0 });
    const dry = await call<AutomationRunResponse>(context, 'POST', `/automations/${ladder.id}/run?dryRun=true`, admin);
    expect(dry.body).toEqual({ dryRun: true, decisions: [{ spaceId: 'user1/held', step: 'none', reason: 'maintenance window "upgrade night"' }] });
    // Two real seconds: twenty Hub minutes of ladder checks, all held.
    const hub = context.emulator.clock.now();
    await eventually(() => context.emulator.clock.now() > hub + 1_200_000, 10_000);
    expect((await emulated('user1/held')).activity.restarts).toBe(0);
    expect((await automation(window.id))?.active).toBe(true);
    expect((await call(context, 'DELETE', `/automations/${window.id}`, admin)).status).toBe(204);
    await eventually(async () => (await emulated('user1/held')).activity.restarts === 1, 15_000, 250);
  }, 45_000);
});
