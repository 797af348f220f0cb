import type { ParamMap, Params } from '@angular/router';
import { STAGE_GROUPS, type StageGroup } from '@hfd/contracts';

/** Status filter values: every stage group, plus "all" and "not running" (everything but running). */
export const STATUS_FILTERS = ['all', 'not-running', ...STAGE_GROUPS] as const;
export type StatusFilter = 'all' | 'not-running' | StageGroup;

/** What a list can be sorted by; the list view's columns sort by these too. */
export const SORT_KEYS = ['attention', 'name', 'hardware', 'cpu', 'memory', 'network', 'since', 'modified', 'uptime'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface SpaceSort {
  key: SortKey;
  direction: SortDirection;
}

/**
 * The direction each key sorts in first: what someone choosing it wants on top. Problems
 * first, A to Z, the busiest first, the longest in its stage first, the latest change first.
 */
export const NATURAL_DIRECTION: Readonly<Record<SortKey, SortDirection>> = {
  attention: 'asc',
  name: 'asc',
  hardware: 'asc',
  cpu: 'desc',
  memory: 'desc',
  network: 'desc',
  since: 'asc',
  modified: 'desc',
  // The least available first: what someone sorting by uptime is looking for.
  uptime: 'asc',
};

/** The orders the sort menu offers; a column header can reach the others. */
export const SORT_CHOICES: readonly SpaceSort[] = [
  { key: 'attention', direction: 'asc' },
  { key: 'name', direction: 'asc' },
  { key: 'name', direction: 'desc' },
  { key: 'since', direction: 'asc' },
  { key: 'modified', direction: 'desc' },
  { key: 'cpu', direction: 'desc' },
  { key: 'memory', direction: 'desc' },
  { key: 'network', direction: 'desc' },
  { key: 'hardware', direction: 'asc' },
  { key: 'uptime', direction: 'asc' },
  { key: 'uptime', direction: 'desc' },
];

export interface SpaceFilters {
  status: StatusFilter;
  /** An account name, or null for all accounts. */
  account: string | null;
  sort: SpaceSort;
  /** Free text over name, id, title and description. */
  query: string;
}

export const DEFAULT_SORT: SpaceSort = { key: 'attention', direction: 'asc' };
export const DEFAULT_FILTERS: SpaceFilters = { status: 'all', account: null, sort: DEFAULT_SORT, query: '' };

/** Query parameter names: short, because these URLs get pasted into chats. */
export const FILTER_PARAMS = { status: 'status', account: 'account', sort: 'sort', query: 'q' } as const;

const MAX_QUERY_LENGTH = 200;

/** Links from before "attention" existed said "status" for the same idea. */
const LEGACY_SORT_KEYS: Readonly<Record<string, SortKey>> = { status: 'attention' };

/** `cpu` for a key in its natural direction, `cpu-asc` for the other. */
export function sortToParam(sort: SpaceSort): string {
  return sort.direction === NATURAL_DIRECTION[sort.key] ? sort.key : `${sort.key}-${sort.direction}`;
}

export function sortFromParam(value: string | null): SpaceSort | null {
  if (value === null) return null;
  const match = /^([a-z]+)(?:-(asc|desc))?$/.exec(value);
  if (!match) return null;
  const key = LEGACY_SORT_KEYS[match[1]] ?? match[1];
  if (!(SORT_KEYS as readonly string[]).includes(key)) return null;
  const sortKey = key as SortKey;
  return { key: sortKey, direction: (match[2] as SortDirection | undefined) ?? NATURAL_DIRECTION[sortKey] };
}

export function sameSort(a: SpaceSort, b: SpaceSort): boolean {
  return a.key === b.key && a.direction === b.direction;
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Unknown or malformed values fall back to the defaults, so an old or edited link still opens. */
export function filtersFromParams(params: ParamMap): SpaceFilters {
  const account = params.get(FILTER_PARAMS.account)?.trim() ?? '';
  return {
    status: oneOf<StatusFilter>(STATUS_FILTERS, params.get(FILTER_PARAMS.status), DEFAULT_FILTERS.status),
    account: account === '' ? null : account,
    sort: sortFromParam(params.get(FILTER_PARAMS.sort)) ?? DEFAULT_SORT,
    query: (params.get(FILTER_PARAMS.query) ?? '').slice(0, MAX_QUERY_LENGTH),
  };
}

/**
 * The query parameters for a change of filters. Defaults become `null`, which removes the
 * parameter under `queryParamsHandling: 'merge'`, so the plain view keeps a plain URL.
 */
export function filtersToParams(change: Partial<SpaceFilters>): Params {
  const params: Params = {};
  if ('status' in change) params[FILTER_PARAMS.status] = change.status === 'all' ? null : change.status;
  if ('account' in change) params[FILTER_PARAMS.account] = change.account || null;
  if (change.sort) params[FILTER_PARAMS.sort] = sameSort(change.sort, DEFAULT_SORT) ? null : sortToParam(change.sort);
  if ('query' in change) params[FILTER_PARAMS.query] = change.query?.trim() || null;
  return params;
}

/** Sort is a view preference, not a filter: it does not count as narrowing the list. */
export function hasActiveFilters(filters: SpaceFilters): boolean {
  return filters.status !== 'all' || filters.account !== null || filters.query.trim() !== '';
}
