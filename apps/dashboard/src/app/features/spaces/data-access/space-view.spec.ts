import { makeAccount, makeSample, makeSpace } from '../../../../testing/fixtures';
import { DEFAULT_FILTERS, NATURAL_DIRECTION, type SortKey } from './space-filters';
import { countOverview, filterSpaces, groupByAccount, matchesQuery, sortSpaces } from './space-view';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const ids = (spaces: { id: string }[]): string[] => spaces.map((space) => space.id);

const spaces = [
  makeSpace('alice/whisper', 'RUNNING', { title: 'Whisper', description: 'Speech to text', lastModified: '2025-06-03T00:00:00Z' }),
  makeSpace('alice/bot', 'RUNTIME_ERROR', { title: 'Bot', lastModified: '2025-06-05T00:00:00Z' }),
  makeSpace('bob/sd', 'SLEEPING', { title: 'Stable Diffusion', lastModified: null }),
  makeSpace('bob/arena', 'BUILDING', { title: 'Arena', lastModified: '2025-06-01T00:00:00Z' }),
  makeSpace('carol/docs', 'PAUSED', { title: 'Docs', description: 'Café menu search' }),
  makeSpace('carol/lost', null, { title: 'Lost' }),
];

describe('filtering', () => {
  it('filters by status group, with "not running" as everything but running', () => {
    expect(ids(filterSpaces(spaces, { ...DEFAULT_FILTERS, status: 'running' }))).toEqual(['alice/whisper']);
    expect(ids(filterSpaces(spaces, { ...DEFAULT_FILTERS, status: 'not-running' }))).toHaveLength(5);
    expect(ids(filterSpaces(spaces, { ...DEFAULT_FILTERS, status: 'starting' }))).toEqual(['bob/arena']);
  });

  it('counts a Space without a runtime as needing attention', () => {
    expect(ids(filterSpaces(spaces, { ...DEFAULT_FILTERS, status: 'error' }))).toEqual(['alice/bot', 'carol/lost']);
  });

  it('filters by account', () => {
    expect(ids(filterSpaces(spaces, { ...DEFAULT_FILTERS, account: 'bob' }))).toEqual(['bob/sd', 'bob/arena']);
  });

  it('searches name, id, title and description, every word, ignoring case and accents', () => {
    expect(matchesQuery(spaces[0], 'SPEECH')).toBe(true);
    expect(matchesQuery(spaces[0], 'alice/whis')).toBe(true);
    expect(matchesQuery(spaces[4], 'cafe')).toBe(true);
    expect(matchesQuery(spaces[0], 'speech image')).toBe(false);
    expect(ids(filterSpaces(spaces, { ...DEFAULT_FILTERS, query: 'diffusion' }))).toEqual(['bob/sd']);
  });

  it('combines the filters', () => {
    const filters = { ...DEFAULT_FILTERS, account: 'alice', status: 'error' as const, query: 'bot' };
    expect(ids(filterSpaces(spaces, filters))).toEqual(['alice/bot']);
  });
});

describe('sorting', () => {
  const noMetrics = (): null => null;
  const by = (key: SortKey, direction?: 'asc' | 'desc') => ({ key, direction: direction ?? NATURAL_DIRECTION[key] });

  it('sorts by name both ways', () => {
    expect(ids(sortSpaces(spaces, by('name'), collator, noMetrics))).toEqual([
      'bob/arena',
      'alice/bot',
      'carol/docs',
      'carol/lost',
      'bob/sd',
      'alice/whisper',
    ]);
    expect(ids(sortSpaces(spaces, by('name', 'desc'), collator, noMetrics))[0]).toBe('alice/whisper');
  });

  it('puts problems first across accounts: errors, then on the way, then not running, then running', () => {
    expect(ids(sortSpaces(spaces, by('attention'), collator, noMetrics))).toEqual([
      'alice/bot',
      'carol/lost',
      'bob/arena',
      'carol/docs',
      'bob/sd',
      'alice/whisper',
    ]);
    expect(ids(sortSpaces(spaces, by('attention', 'desc'), collator, noMetrics))[0]).toBe('alice/whisper');
  });

  it('sorts by last modified, newest first, unknown last', () => {
    const sorted = ids(sortSpaces(spaces, by('modified'), collator, noMetrics));
    expect(sorted.slice(0, 2)).toEqual(['alice/bot', 'alice/whisper']);
    expect(sorted.at(-1)).toBe('bob/sd');
  });

  it('sorts by CPU, memory and network, busiest first, Spaces without samples last either way', () => {
    const samples = new Map([
      ['bob/sd', makeSample('bob/sd', { cpuPct: 80, memoryUsedBytes: 100, memoryTotalBytes: 1000, txBps: 10, rxBps: 10 })],
      ['alice/whisper', makeSample('alice/whisper', { cpuPct: 5, memoryUsedBytes: 900, memoryTotalBytes: 1000, txBps: 500, rxBps: 500 })],
    ]);
    const lookup = (id: string) => samples.get(id) ?? null;
    expect(ids(sortSpaces(spaces, by('cpu'), collator, lookup)).slice(0, 2)).toEqual(['bob/sd', 'alice/whisper']);
    expect(ids(sortSpaces(spaces, by('memory'), collator, lookup)).slice(0, 2)).toEqual(['alice/whisper', 'bob/sd']);
    expect(ids(sortSpaces(spaces, by('network'), collator, lookup)).slice(0, 2)).toEqual(['alice/whisper', 'bob/sd']);
    const leastBusy = ids(sortSpaces(spaces, by('cpu', 'asc'), collator, lookup));
    expect(leastBusy.slice(0, 2)).toEqual(['alice/whisper', 'bob/sd']);
    expect(leastBusy.slice(2)).toEqual(['bob/arena', 'alice/bot', 'carol/docs', 'carol/lost']);
  });

  it('sorts by how long a Space has been in its stage, longest first, unknown last', () => {
    const timed = [
      makeSpace('a/recent', 'RUNNING', { stageSince: '2025-06-05T00:00:00Z' }),
      makeSpace('a/unknown', 'RUNNING', { stageSince: null }),
      makeSpace('a/old', 'RUNTIME_ERROR', { stageSince: '2025-06-01T00:00:00Z' }),
    ];
    expect(ids(sortSpaces(timed, by('since'), collator, noMetrics))).toEqual(['a/old', 'a/recent', 'a/unknown']);
  });

  it('sorts by hardware name, Spaces without hardware last', () => {
    const machines = [
      makeSpace('a/gpu', 'RUNNING', { runtime: { ...runtimeOf('t4-small') } }),
      makeSpace('a/site', 'RUNNING', { sdk: 'static', runtime: { ...runtimeOf(null) } }),
      makeSpace('a/cpu', 'RUNNING', { runtime: { ...runtimeOf('cpu-basic') } }),
    ];
    expect(ids(sortSpaces(machines, by('hardware'), collator, noMetrics))).toEqual(['a/cpu', 'a/gpu', 'a/site']);
  });

  it('does not change the list it is given', () => {
    const before = ids(spaces);
    sortSpaces(spaces, by('name', 'desc'), collator, noMetrics);
    expect(ids(spaces)).toEqual(before);
  });
});

/** A running runtime on `hardware` (null: none, as a static Space reports). */
function runtimeOf(hardware: string | null) {
  return {
    stage: 'RUNNING' as const,
    hardware: { current: hardware, requested: hardware },
    sleepTimeSeconds: null,
    replicas: { current: 1, requested: 1 },
    errorMessage: null,
  };
}

describe('grouping by account', () => {
  const accounts = [makeAccount('alice'), makeAccount('bob'), makeAccount('carol'), makeAccount('dave')];

  it('keeps the server account order and lists every account when nothing is filtered', () => {
    const groups = groupByAccount(spaces, spaces, accounts, false);
    expect(groups.map((group) => group.name)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(groups.map((group) => group.total)).toEqual([2, 2, 2, 0]);
  });

  it('with filters, lists only the groups that match, with their totals for "n of m"', () => {
    const visible = filterSpaces(spaces, { ...DEFAULT_FILTERS, status: 'running' });
    const groups = groupByAccount(visible, spaces, accounts, true);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'alice', total: 2 });
    expect(ids(groups[0].spaces)).toEqual(['alice/whisper']);
  });

  it("carries the account's error", () => {
    const failing = [makeAccount('dave', { error: { kind: 'token_invalid', message: 'no', at: '2025-01-01T00:00:00Z' } })];
    expect(groupByAccount([], [], failing, false)[0].status?.error?.kind).toBe('token_invalid');
  });

  it('still shows Spaces whose owner the account list does not name', () => {
    const groups = groupByAccount(spaces, spaces, [makeAccount('alice')], false);
    expect(groups.map((group) => group.name)).toEqual(['alice', 'bob', 'carol']);
  });
});

describe('overview counts', () => {
  it('counts accounts, Spaces, running, not running and those needing attention', () => {
    expect(countOverview(spaces, [makeAccount('alice'), makeAccount('bob'), makeAccount('carol')])).toEqual({
      accounts: 3,
      spaces: 6,
      running: 1,
      notRunning: 5,
      attention: 2,
    });
  });

  it('counts RUNNING_BUILDING and RUNNING_APP_STARTING as running', () => {
    const list = [makeSpace('a/x', 'RUNNING_BUILDING'), makeSpace('a/y', 'RUNNING_APP_STARTING')];
    expect(countOverview(list, []).running).toBe(2);
  });
});
