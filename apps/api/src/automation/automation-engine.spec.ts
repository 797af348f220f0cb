import type { AutomationKind, AutomationSettings, AutomationTargets, RuntimeStage, SpaceAction, SpaceRuntime, SpaceSummary } from '@hfd/contracts';
import { openPersistence, type Persistence, type PersistenceOptions } from '@hfd/persistence';
import { ApiException } from '../common/errors/api.exception';
import type { AppVisit } from '../hf-client/hf-client.service';
import { AuditService } from '../people/audit.service';
import { SCRATCH_KINDS, ScratchDatabase } from '../testing/scratch-database';
import { AutomationEngine, type EngineActions, type EngineInventory } from './automation-engine.service';

const START = Date.UTC(2026, 5, 1, 12, 0, 0);
const MINUTE = 60_000;

function runtimeOf(stage: RuntimeStage, sleepTimeSeconds = 172_800): SpaceRuntime {
  return { stage, hardware: { current: 'cpu-basic', requested: 'cpu-basic' }, sleepTimeSeconds, replicas: { current: 1, requested: 1 }, errorMessage: null };
}

function space(id: string, stage: RuntimeStage, extra: Partial<SpaceSummary> = {}): SpaceSummary {
  const [owner, name] = id.split('/');
  return {
    id,
    owner,
    name,
    title: name,
    emoji: null,
    description: null,
    colorFrom: null,
    colorTo: null,
    sdk: 'gradio',
    private: false,
    tags: [],
    likes: 0,
    createdAt: null,
    lastModified: null,
    appUrl: `https://${owner}-${name}.hf.space`,
    hubUrl: `https://huggingface.co/spaces/${id}`,
    runtime: runtimeOf(stage),
    stageSince: null,
    ...extra,
  };
}

/** The inventory as the engine sees it, changed by the test (and by the actions, as the Hub would answer). */
class FakeInventory implements EngineInventory {
  readonly spaces = new Map<string, SpaceSummary>();
  get current() {
    return { fetchedAt: START, spaces: [...this.spaces.values()] };
  }
  find(id: string): SpaceSummary | undefined {
    return this.spaces.get(id);
  }
  isCurrent(): boolean {
    return true;
  }
  setStage(id: string, stage: RuntimeStage): void {
    const known = this.spaces.get(id);
    if (known?.runtime) this.spaces.set(id, { ...known, runtime: { ...known.runtime, stage } });
  }
}

/** Records every action and visit; an action takes `delayMs`, long enough for a racing engine to try the same job. */
class RecordingActions implements EngineActions {
  readonly acted: { spaceId: string; action: SpaceAction }[] = [];
  readonly visits: string[] = [];
  appAnswer: AppVisit = { status: 200, latencyMs: 12, body: 'Hello from the app', error: null };
  delayMs = 0;
  refuse = false;
  constructor(private readonly inventory: FakeInventory) {}

  async actForRule(spaceId: string, action: SpaceAction) {
    this.acted.push({ spaceId, action });
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.refuse) throw new ApiException(503, 'HUB_UNAVAILABLE', 'down');
    this.inventory.setStage(spaceId, action === 'pause' ? 'PAUSED' : 'BUILDING');
    return { id: spaceId, action, runtime: runtimeOf(action === 'pause' ? 'PAUSED' : 'BUILDING') };
  }
  readonly watching = new Set<string>();
  readonly verdicts: [string, boolean][] = [];
  answered(spaceId: string, answering: boolean) {
    this.verdicts.push([spaceId, answering]);
  }
  watch(spaceId: string) {
    this.watching.add(spaceId);
    return () => this.watching.delete(spaceId);
  }
  appTarget(target: SpaceSummary) {
    return { url: `http://apps.test/${target.id}`, token: null };
  }
  async visitApp(url: string): Promise<AppVisit> {
    this.visits.push(url);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const id = url.replace('http://apps.test/', '').replace(/\/$/, '');
    if (this.inventory.find(id)?.runtime?.stage === 'SLEEPING') this.inventory.setStage(id, 'APP_STARTING');
    return this.appAnswer;
  }
}

describe.each(SCRATCH_KINDS)('automation engine (%s)', (kind) => {
  const scratch = new ScratchDatabase(kind);
  let options: PersistenceOptions;
  let persistence: Persistence;
  let failures: unknown[];
  let inventory: FakeInventory;
  let actions: RecordingActions;
  let now: number;
  const opened: Persistence[] = [];

  function engineOn(database: Persistence, owner: string): AutomationEngine {
    return new AutomationEngine(database.automation, database.audit, new AuditService(database.audit), inventory, actions, { owner, now: () => now, tickMs: 1000 });
  }

  async function addRule(ruleKind: AutomationKind, settings: AutomationSettings, targets: AutomationTargets = { spaces: ['alice/app'] }, name = `${ruleKind} rule`): Promise<string> {
    const id = `${ruleKind.replace(/[^a-z]/g, '')}${opened.length}${Math.random().toString(36).slice(2, 8)}`;
    await persistence.automation.insertRule({ id, name, description: null, kind: ruleKind, targets, settings, enabled: true, owner: 'admin', createdAt: now, updatedAt: now });
    return id;
  }

  async function auditOf(spaceId: string) {
    await persistence.writes.drained();
    return (await persistence.audit.page({ spaceId }, 100)).reverse();
  }

  beforeEach(async () => {
    failures = [];
    now = START;
    options = await scratch.create((_label, error) => failures.push(error));
    persistence = await openPersistence(options);
    opened.push(persistence);
    inventory = new FakeInventory();
    actions = new RecordingActions(inventory);
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    expect(failures).toEqual([]);
  });
  afterAll(() => scratch.dropAll());

  it('runs a due job once when two engines on one database take it at the same moment', async () => {
    const second = await openPersistence(options);
    opened.push(second);
    inventory.spaces.set('alice/app', space('alice/app', 'RUNNING'));
    await addRule('keep-alive', { intervalSeconds: 600 });
    actions.delayMs = 50;
    const engines = [engineOn(persistence, 'engine-a'), engineOn(second, 'engine-b')];
    await Promise.all(engines.map((engine) => engine.tick()));
    expect(actions.visits).toHaveLength(1);
    // Ten minutes on, the job is due again, and again exactly one engine runs it.
    now += 10 * MINUTE;
    await Promise.all(engines.map((engine) => engine.tick()));
    expect(actions.visits).toHaveLength(2);
    await persistence.writes.drained();
    await second.writes.drained();
    const [job] = await persistence.automation.jobs();
    expect(job).toMatchObject({ leaseOwner: null, lastRunAt: now, nextRunAt: now + 10 * MINUTE });
  });

  it('keeps a Space awake at half its sleep time at most, wakes it when found asleep, and audits each visit with the rule as actor', async () => {
    inventory.spaces.set('alice/app', space('alice/app', 'SLEEPING', { runtime: runtimeOf('SLEEPING', 3600) }));
    await addRule('keep-alive', {}, { spaces: ['alice/app'] }, 'stay awake');
    const engine = engineOn(persistence, 'engine-a');
    await engine.tick();
    expect(inventory.find('alice/app')?.runtime?.stage).toBe('APP_STARTING');
    now += 29 * MINUTE;
    await engine.tick();
    expect(actions.visits).toHaveLength(1);
    now += MINUTE;
    await engine.tick();
    expect(actions.visits).toHaveLength(2);
    const entries = await auditOf('alice/app');
    expect(entries.map((entry) => [entry.actorType, entry.actor, entry.kind, entry.result, entry.detail])).toEqual([
      ['rule', 'stay awake', 'space.action', 'success', 'visit: 200 (asleep: a visit wakes it)'],
      ['rule', 'stay awake', 'space.action', 'success', 'visit: 200 (before its sleep time)'],
    ]);
  });

  it('climbs the ladder on a crash loop: grace, restart, rebuild within the window, back-off, then gives up after the cap', async () => {
    inventory.spaces.set('alice/app', space('alice/app', 'RUNTIME_ERROR'));
    const id = await addRule('recovery', { graceSeconds: 60, maxAttemptsPerDay: 3, backoffSeconds: 180 }, { spaces: ['alice/app'] }, 'ladder');
    const engine = engineOn(persistence, 'engine-a');
    // Minute by minute, the step taken (if any) after the Space crashed again at once after each step.
    const taken: [number, SpaceAction][] = [];
    for (let minute = 0; minute <= 14; minute++) {
      const before = actions.acted.length;
      await engine.tick();
      if (actions.acted.length > before) {
        taken.push([minute, actions.acted[before].action]);
        inventory.setStage('alice/app', 'RUNTIME_ERROR');
      }
      now += MINUTE;
    }
    // Grace of a minute; restart; a failure within the window is rebuilt after the back-off (3 min, then 6).
    // The ladder holds the Space's status stream, so a crash between two refreshes is seen.
    expect([...actions.watching]).toEqual(['alice/app']);
    expect(taken).toEqual([
      [1, 'restart'],
      [4, 'rebuild'],
      [10, 'rebuild'],
    ]);
    const [job] = await persistence.automation.jobs(id);
    expect(job.gaveUpAt).not.toBeNull();
    const entries = await auditOf('alice/app');
    expect(entries.map((entry) => [entry.actorType, entry.actor, entry.kind, entry.result, entry.detail])).toEqual([
      ['rule', 'ladder', 'space.action', 'success', 'restart (RUNTIME_ERROR)'],
      ['rule', 'ladder', 'space.action', 'success', 'rebuild (RUNTIME_ERROR)'],
      ['rule', 'ladder', 'space.action', 'success', 'rebuild (RUNTIME_ERROR)'],
      ['rule', 'ladder', 'automation.gave-up', 'failure', 'RUNTIME_ERROR: 3 attempts in 24 hours'],
    ]);
    expect((await persistence.automation.runs(id, 10)).map((run) => [run.step, run.result])).toEqual([
      ['give-up', 'gave-up'],
      ['rebuild', 'success'],
      ['rebuild', 'success'],
      ['restart', 'success'],
    ]);
    // Recovered: the ladder is ready again (its 24-hour count stays).
    inventory.setStage('alice/app', 'RUNNING');
    await engine.tick();
    expect((await persistence.automation.jobs(id))[0]).toMatchObject({ gaveUpAt: null, failingSince: null });
  });

  it('restarts a Space stuck building past its limit, and not one building for less', async () => {
    inventory.spaces.set('alice/stuck', space('alice/stuck', 'BUILDING', { stageSince: new Date(START - 31 * MINUTE).toISOString() }));
    inventory.spaces.set('alice/busy', space('alice/busy', 'BUILDING', { stageSince: new Date(START - 5 * MINUTE).toISOString() }));
    await addRule('recovery', { graceSeconds: 0, stuckMinutes: 30 }, { spaces: ['alice/stuck', 'alice/busy'] });
    await engineOn(persistence, 'engine-a').tick();
    expect(actions.acted).toEqual([{ spaceId: 'alice/stuck', action: 'restart' }]);
    expect((await auditOf('alice/stuck')).map((entry) => entry.detail)).toEqual(['restart (stuck in BUILDING)']);
  });

  it('leaves alone a Space paused on purpose, one a person acted on lately, and one that is gone (its job kept and marked)', async () => {
    inventory.spaces.set('alice/paused', space('alice/paused', 'PAUSED'));
    inventory.spaces.set('alice/touched', space('alice/touched', 'RUNTIME_ERROR'));
    // The audit log stamps entries with the real time: the engine's clock starts there.
    now = Date.now();
    const id = await addRule('recovery', { graceSeconds: 0 }, { spaces: ['alice/paused', 'alice/touched', 'alice/gone'] });
    new AuditService(persistence.audit).record(
      { principal: null, address: '203.0.113.9', requestId: null },
      { kind: 'space.action', actor: { type: 'user', name: 'alice' }, result: 'success', target: 'alice/touched', spaceId: 'alice/touched', detail: 'restart' },
    );
    await persistence.writes.drained();
    const engine = engineOn(persistence, 'engine-a');
    await engine.tick();
    now += MINUTE;
    await engine.tick();
    expect(actions.acted).toEqual([]);
    expect((await persistence.automation.jobs(id)).map((job) => [job.spaceId, job.missing])).toEqual([
      ['alice/gone', true],
      ['alice/paused', false],
      ['alice/touched', false],
    ]);
    // Five minutes after the person's action, the ladder takes over.
    now += 5 * MINUTE;
    await engine.tick();
    expect(actions.acted).toEqual([{ spaceId: 'alice/touched', action: 'restart' }]);
  });

  it('holds every rule during a maintenance window, and acts once it ends', async () => {
    inventory.spaces.set('alice/app', space('alice/app', 'RUNTIME_ERROR'));
    await addRule('recovery', { graceSeconds: 0 });
    await addRule('keep-alive', { intervalSeconds: 600 });
    await addRule('maintenance', { start: new Date(START - MINUTE).toISOString(), durationMinutes: 30 }, { accounts: ['alice'] });
    const engine = engineOn(persistence, 'engine-a');
    for (let minute = 0; minute < 28; minute += 2) {
      await engine.tick();
      now += 2 * MINUTE;
    }
    expect(actions.acted).toEqual([]);
    expect(actions.visits).toEqual([]);
    now += 2 * MINUTE;
    await engine.tick();
    expect(actions.acted).toEqual([{ spaceId: 'alice/app', action: 'restart' }]);
  });

  it('says in a dry run what it would do, and does nothing', async () => {
    inventory.spaces.set('alice/app', space('alice/app', 'RUNTIME_ERROR'));
    inventory.spaces.set('alice/paused', space('alice/paused', 'PAUSED'));
    const id = await addRule('recovery', { graceSeconds: 0 }, { accounts: ['alice'] });
    const engine = engineOn(persistence, 'engine-a');
    const rule = await persistence.automation.rule(id);
    if (rule === undefined) throw new Error('the rule was not stored');
    expect(await engine.dryRun(rule)).toEqual([
      { spaceId: 'alice/app', step: 'restart', reason: 'RUNTIME_ERROR' },
      { spaceId: 'alice/paused', step: 'none', reason: 'paused on purpose' },
    ]);
    expect(actions.acted).toEqual([]);
    expect(await persistence.automation.jobs()).toEqual([]);
  });

  it('probes a running app, keeps each answer, and lets a ladder restart a Space that runs but does not answer', async () => {
    inventory.spaces.set('alice/app', space('alice/app', 'RUNNING'));
    const probe = await addRule('probe', { intervalSeconds: 30, keyword: 'Hello' });
    await addRule('recovery', { graceSeconds: 0 });
    const engine = engineOn(persistence, 'engine-a');
    await engine.tick();
    actions.appAnswer = { status: 502, latencyMs: 40, body: 'Bad gateway', error: null };
    for (let step = 0; step < 2; step++) {
      now += 30_000;
      await engine.tick();
      await persistence.writes.drained();
    }
    const results = await persistence.automation.probeResults('alice/app', START, 10);
    expect(results.map((result) => [result.up, result.status])).toEqual([
      [false, 502],
      [false, 502],
      [true, 200],
    ]);
    expect((await persistence.automation.runs(probe, 1))[0]).toMatchObject({ result: 'failure', detail: 'running but not answering: status 502 (expected 200)' });
    expect(actions.verdicts).toEqual([
      ['alice/app', true],
      ['alice/app', false],
      ['alice/app', false],
    ]);
    now += 15_000;
    await engine.tick();
    expect(actions.acted).toEqual([{ spaceId: 'alice/app', action: 'restart' }]);
  });

  it('records a schedule run missed while the server was down as skipped, or runs it once with run-once', async () => {
    inventory.spaces.set('alice/app', space('alice/app', 'RUNNING'));
    const skip = await addRule('schedule', { cron: '0 * * * *', timezone: 'Europe/Berlin', action: 'restart' });
    const once = await addRule('schedule', { cron: '0 * * * *', timezone: 'Europe/Berlin', action: 'restart', missedRuns: 'run-once' }, { spaces: ['alice/app'] });
    const engine = engineOn(persistence, 'engine-a');
    await engine.tick();
    // The server is down from 12:00 to 15:30: three runs were missed.
    now += 3.5 * 60 * MINUTE;
    await engine.tick();
    await persistence.writes.drained();
    expect((await persistence.automation.runs(skip, 10)).map((run) => [run.result, run.detail])).toEqual([['skipped', 'missed run of 2026-06-01T13:00:00.000Z skipped']]);
    expect((await persistence.automation.runs(once, 10)).map((run) => [run.step, run.result])).toEqual([['restart', 'success']]);
    const jobs = await persistence.automation.jobs();
    expect(jobs.map((job) => new Date(job.nextRunAt).toISOString())).toEqual(['2026-06-01T16:00:00.000Z', '2026-06-01T16:00:00.000Z']);
  });
});
