import {
  STAGE_GROUP,
  type AccountStatus,
  type MetricSample,
  type RuntimeStage,
  type SpaceSummary,
  type StageGroup,
} from '@hfd/contracts';
import type { SortKey, SpaceFilters, StatusFilter } from './space-filters';

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

/** Status order puts what needs a look first. */
const GROUP_ORDER: Record<StageGroup, number> = { error: 0, starting: 1, running: 2, sleeping: 3, paused: 4 };

export type MetricLookup = (spaceId: string) => MetricSample | null;

export function memoryPercent(sample: MetricSample | null): number | null {
  if (!sample || !sample.memoryTotalBytes) return null;
  return (sample.memoryUsedBytes / sample.memoryTotalBytes) * 100;
}

/** Descending, with Spaces that have no value (not running, no sample yet) last. */
function byValueDesc(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return b - a;
}

export function sortSpaces(
  spaces: readonly SpaceSummary[],
  sort: SortKey,
  collator: Intl.Collator,
  metricOf: MetricLookup,
): SpaceSummary[] {
  const byTitle = (a: SpaceSummary, b: SpaceSummary): number =>
    collator.compare(a.title, b.title) || collator.compare(a.id, b.id);
  const compare = ((): ((a: SpaceSummary, b: SpaceSummary) => number) => {
    switch (sort) {
      case 'name':
        return byTitle;
      case 'name-desc':
        return (a, b) => byTitle(b, a);
      case 'status':
        return (a, b) => GROUP_ORDER[groupOf(a)] - GROUP_ORDER[groupOf(b)] || byTitle(a, b);
      case 'modified':
        return (a, b) =>
          byValueDesc(a.lastModified ? Date.parse(a.lastModified) : null, b.lastModified ? Date.parse(b.lastModified) : null) ||
          byTitle(a, b);
      case 'cpu':
        return (a, b) => byValueDesc(metricOf(a.id)?.cpuPct ?? null, metricOf(b.id)?.cpuPct ?? null) || byTitle(a, b);
      case 'memory':
        return (a, b) => byValueDesc(memoryPercent(metricOf(a.id)), memoryPercent(metricOf(b.id))) || byTitle(a, b);
    }
  })();
  return [...spaces].sort(compare);
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
