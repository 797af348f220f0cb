import { DATABASE_KINDS, ScratchDatabases } from '@hfd/test-support';
import { optionsFor } from '../../testing/scratch-options';
import { openPersistence, type Persistence } from '../persistence';
import type { AutomationRuleRecord } from './automation.repository';

const NOW = Date.UTC(2026, 0, 1);

function rule(id: string): AutomationRuleRecord {
  return {
    id,
    name: `rule ${id}`,
    description: null,
    kind: 'keep-alive',
    targets: { spaces: ['alice/demo'] },
    settings: { intervalSeconds: 600 },
    enabled: true,
    owner: 'admin',
    createdAt: NOW,
    updatedAt: NOW,
  };
}

describe.each(DATABASE_KINDS)('automation repository (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  let persistence: Persistence;
  let failures: unknown[];

  beforeEach(async () => {
    failures = [];
    persistence = await openPersistence(optionsFor(await scratch.create(), failures));
  });
  afterEach(async () => {
    expect(failures).toEqual([]);
    await persistence.close();
  });
  afterAll(() => scratch.dropAll());

  it('stores rules with their JSON fields, and drops their jobs when a rule changes or goes', async () => {
    const repo = persistence.automation;
    await repo.insertRule(rule('r1'));
    await repo.ensureJob('r1', 'alice/demo', NOW);
    await repo.ensureJob('r1', 'alice/demo', NOW + 5);
    expect(await repo.rule('r1')).toEqual(rule('r1'));
    expect((await repo.jobs('r1')).map((job) => job.nextRunAt)).toEqual([NOW]);
    await repo.updateRule({ ...rule('r1'), enabled: false, updatedAt: NOW + 1 });
    expect(await repo.rule('r1')).toMatchObject({ enabled: false, updatedAt: NOW + 1 });
    expect(await repo.jobs('r1')).toEqual([]);
    await repo.ensureJob('r1', 'alice/demo', NOW);
    expect(await repo.deleteRule('r1')).toBe(true);
    expect(await repo.jobs()).toEqual([]);
    expect(await repo.deleteRule('r1')).toBe(false);
  });

  it('gives a due job to one claimant only, and again once it is due and free', async () => {
    const repo = persistence.automation;
    await repo.ensureJob('r1', 'alice/demo', NOW);
    const [due] = await repo.dueJobs(NOW, 10);
    const claims = await Promise.all([repo.claim(due, 'engine-a', NOW, 60_000), repo.claim(due, 'engine-b', NOW, 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repo.dueJobs(NOW, 10)).toEqual([]);
    const winner = claims[0] ? 'engine-a' : 'engine-b';
    const loser = claims[0] ? 'engine-b' : 'engine-a';
    expect(await repo.finish(due.id, loser, { nextRunAt: NOW + 1000 })).toBe(false);
    expect(await repo.finish(due.id, winner, { nextRunAt: NOW + 1000, lastRunAt: NOW, attempts: [{ at: NOW, step: 'restart' }] })).toBe(true);
    // The stale view of the job (due at NOW) no longer wins anything.
    expect(await repo.claim(due, loser, NOW + 2000, 60_000)).toBe(false);
    const [again] = await repo.dueJobs(NOW + 1000, 10);
    expect(again).toMatchObject({ lastRunAt: NOW, attempts: [{ at: NOW, step: 'restart' }], leaseOwner: null });
    expect(await repo.claim(again, loser, NOW + 1000, 60_000)).toBe(true);
  });

  it('lets another engine take a job whose lease ran out', async () => {
    const repo = persistence.automation;
    await repo.ensureJob('r1', 'alice/demo', NOW);
    const [due] = await repo.dueJobs(NOW, 10);
    expect(await repo.claim(due, 'engine-a', NOW, 1000)).toBe(true);
    expect(await repo.claim(due, 'engine-b', NOW + 500, 1000)).toBe(false);
    const [expired] = await repo.dueJobs(NOW + 1001, 10);
    expect(await repo.claim(expired, 'engine-b', NOW + 1001, 1000)).toBe(true);
    expect(await repo.finish(due.id, 'engine-a', { nextRunAt: NOW + 5000 })).toBe(false);
  });

  it('keeps runs and probe results, newest first, and prunes them by age', async () => {
    const repo = persistence.automation;
    repo.appendRun({ id: 'a', ruleId: 'r1', spaceId: 'alice/demo', at: NOW, step: 'visit', result: 'success', detail: null, durationMs: 5 });
    repo.appendRun({ id: 'b', ruleId: 'r1', spaceId: 'alice/demo', at: NOW + 1, step: 'restart', result: 'failure', detail: 'HUB_ERROR', durationMs: null });
    repo.appendProbe({ id: 'p', ruleId: 'r2', spaceId: 'alice/demo', at: NOW, up: false, status: 503, latencyMs: 40, error: null });
    await persistence.writes.drained();
    expect((await repo.runs('r1', 10)).map((run) => run.id)).toEqual(['b', 'a']);
    expect(await repo.probeResults('alice/demo', NOW, 10)).toEqual([{ id: 'p', ruleId: 'r2', spaceId: 'alice/demo', at: NOW, up: false, status: 503, latencyMs: 40, error: null }]);
    expect(await repo.pruneBatch(NOW + 1, 100)).toBe(1);
    expect(await repo.probes.pruneBatch(NOW + 1, 100)).toBe(1);
  });
});
