import {
  STAGE_GROUP,
  type AccountStatus,
  type MetricSample,
  type RuntimeStage,
  type SpaceSummary,
  type StageGroup,
} from '@hfd/contracts';
import type { SortKey, SpaceFilters, SpaceSort, StatusFilter } from './space-filters';

export function stageOf(space: SpaceSummary): RuntimeStage {
  return space.runtime?.stage ?? 'UNKNOWN';
}

export function groupOf(space: SpaceSummary): StageGroup {
  return STAGE_GROUP[stageOf(space)] ?? 'error';
}

export function matchesStatus(space: SpaceSummary, status: StatusFilter): boolean {
  if (status === 'all') return true;
  const group = groupOf(space);
  return status === 'not-running' ? group !== 'running' : group === status;
}

/** Lower-cased, accent-free text, so "cafe" finds "Café" and "ＧＰＴ" finds "GPT". */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the query must appear in the name, id, title or description. */
export function matchesQuery(space: SpaceSummary, query: string): boolean {
  const words = normalizeText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeText([space.id, space.title, space.description ?? ''].join('\n'));
  return words.every((word) => haystack.includes(word));
}

export function filterSpaces(spaces: readonly SpaceSummary[], filters: SpaceFilters): SpaceSummary[] {
  return spaces.filter(
    (space) =>
      (filters.account === null || space.owner === filters.account) &&
      matchesStatus(space, filters.status) &&
      matchesQuery(space, filters.query),
  );
}

/**
 * Problems first: errors, then Spaces on their way somewhere (a build or start that may be
 * stuck), then those not running (asleep, paused, stopped), then the running ones.
 */
const ATTENTION_RANK: Readonly<Record<StageGroup, number>> = { error: 0, starting: 1, sleeping: 2, paused: 2, running: 3 };

export function attentionRank(space: SpaceSummary): number {
  return ATTENTION_RANK[groupOf(space)];
}

export type MetricLookup = (spaceId: string) => MetricSample | null;
/** A Space's 24-hour uptime ratio, or null when nothing is known. */
export type UptimeLookup = (spaceId: string) => number | null;

export function memoryPercent(sample: MetricSample | null): number | null {
  if (!sample || !sample.memoryTotalBytes) return null;
  return (sample.memoryUsedBytes / sample.memoryTotalBytes) * 100;
}

/** The hardware a Space runs on, or asked for while it is not running yet. */
export function hardwareOf(space: SpaceSummary): string | null {
  const hardware = space.runtime?.hardware;
  return hardware?.current ?? hardware?.requested ?? null;
}

function timeOf(iso: string | null): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

function sortValue(key: SortKey, space: SpaceSummary, metricOf: MetricLookup, uptimeOf: UptimeLookup): string | number | null {
  switch (key) {
    case 'attention':
      return attentionRank(space);
    case 'name':
      return space.title;
    case 'hardware':
      return hardwareOf(space);
    case 'cpu':
      return metricOf(space.id)?.cpuPct ?? null;
    case 'memory':
      return memoryPercent(metricOf(space.id));
    case 'network': {
      const sample = metricOf(space.id);
      return sample ? sample.txBps + sample.rxBps : null;
    }
    case 'since':
      return timeOf(space.stageSince);
    case 'modified':
      return timeOf(space.lastModified);
    case 'uptime':
      return uptimeOf(space.id);
  }
}

/**
 * Sorted by one key in either direction; Spaces without a value for it (no sample, no known
 * start of their stage) come last either way, and ties go by title, so the order is stable.
 */
export function sortSpaces(
  spaces: readonly SpaceSummary[],
  sort: SpaceSort,
  collator: Intl.Collator,
  metricOf: MetricLookup,
  uptimeOf: UptimeLookup = () => null,
): SpaceSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const byTitle = (a: SpaceSummary, b: SpaceSummary): number =>
    collator.compare(a.title, b.title) || collator.compare(a.id, b.id);
  const compareValues = (a: string | number | null, b: string | number | null): number => {
    if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
    const order = typeof a === 'string' || typeof b === 'string' ? collator.compare(String(a), String(b)) : a - b;
    return order * sign;
  };
  const keyed = spaces.map((space) => ({ space, value: sortValue(sort.key, space, metricOf, uptimeOf) }));
  keyed.sort((a, b) => {
    const order = compareValues(a.value, b.value);
    if (order !== 0) return order;
    return sort.key === 'name' ? byTitle(a.space, b.space) * sign : byTitle(a.space, b.space);
  });
  return keyed.map((entry) => entry.space);
}

export interface AccountGroup {
  name: string;
  /** The Spaces of this account that pass the filters, sorted. */
  spaces: SpaceSummary[];
  /** All Spaces of this account the caller may see, before filtering. */
  total: number;
  status: AccountStatus | null;
}

/**
 * Groups in the server's account order. Without filters every account is listed, even
 * an empty or failing one, so its error is seen; with filters only the groups that match.
 */
export function groupByAccount(
  visible: readonly SpaceSummary[],
  all: readonly SpaceSummary[],
  accounts: readonly AccountStatus[],
  filtered: boolean,
): AccountGroup[] {
  const totals = new Map<string, number>();
  for (const space of all) totals.set(space.owner, (totals.get(space.owner) ?? 0) + 1);
  const byOwner = new Map<string, SpaceSummary[]>();
  for (const space of visible) {
    const list = byOwner.get(space.owner);
    if (list) list.push(space);
    else byOwner.set(space.owner, [space]);
  }
  const names = [...accounts.map((account) => account.name)];
  for (const owner of totals.keys()) if (!names.includes(owner)) names.push(owner);
  const statusByName = new Map(accounts.map((account) => [account.name, account]));
  return names
    .map((name) => ({
      name,
      spaces: byOwner.get(name) ?? [],
      total: totals.get(name) ?? 0,
      status: statusByName.get(name) ?? null,
    }))
    .filter((group) => !filtered || group.spaces.length > 0);
}

export interface OverviewCounts {
  accounts: number;
  spaces: number;
  running: number;
  notRunning: number;
  /** Spaces in an error stage. */
  attention: number;
}

export function countOverview(spaces: readonly SpaceSummary[], accounts: readonly AccountStatus[]): OverviewCounts {
  let running = 0;
  let attention = 0;
  for (const space of spaces) {
    const group = groupOf(space);
    if (group === 'running') running++;
    else if (group === 'error') attention++;
  }
  return { accounts: accounts.length, spaces: spaces.length, running, notRunning: spaces.length - running, attention };
}
