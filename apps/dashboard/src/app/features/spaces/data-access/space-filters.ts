import type { ParamMap, Params } from '@angular/router';
import { STAGE_GROUPS, type StageGroup } from '@hfd/contracts';

/** Status filter values: every stage group, plus "all" and "not running" (everything but running). */
export const STATUS_FILTERS = ['all', 'not-running', ...STAGE_GROUPS] as const;
export type StatusFilter = 'all' | 'not-running' | StageGroup;

export const SORT_KEYS = ['name', 'name-desc', 'status', 'modified', 'cpu', 'memory'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SpaceFilters {
  status: StatusFilter;
  /** An account name, or null for all accounts. */
  account: string | null;
  sort: SortKey;
  /** Free text over name, id, title and description. */
  query: string;
}

export const DEFAULT_FILTERS: SpaceFilters = { status: 'all', account: null, sort: 'name', query: '' };

/** Query parameter names: short, because these URLs get pasted into chats. */
export const FILTER_PARAMS = { status: 'status', account: 'account', sort: 'sort', query: 'q' } as const;

const MAX_QUERY_LENGTH = 200;

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Unknown or malformed values fall back to the defaults, so an old or edited link still opens. */
export function filtersFromParams(params: ParamMap): SpaceFilters {
  const account = params.get(FILTER_PARAMS.account)?.trim() ?? '';
  return {
    status: oneOf<StatusFilter>(STATUS_FILTERS, params.get(FILTER_PARAMS.status), DEFAULT_FILTERS.status),
    account: account === '' ? null : account,
    sort: oneOf(SORT_KEYS, params.get(FILTER_PARAMS.sort), DEFAULT_FILTERS.sort),
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
  if ('sort' in change) params[FILTER_PARAMS.sort] = change.sort === DEFAULT_FILTERS.sort ? null : change.sort;
  if ('query' in change) params[FILTER_PARAMS.query] = change.query?.trim() || null;
  return params;
}

/** Sort is a view preference, not a filter: it does not count as narrowing the list. */
export function hasActiveFilters(filters: SpaceFilters): boolean {
  return filters.status !== 'all' || filters.account !== null || filters.query.trim() !== '';
}
