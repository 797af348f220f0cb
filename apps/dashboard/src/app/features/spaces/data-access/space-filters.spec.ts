import { convertToParamMap } from '@angular/router';
import { DEFAULT_FILTERS, DEFAULT_SORT, filtersFromParams, filtersToParams, hasActiveFilters, sortFromParam, sortToParam } from './space-filters';

describe('space filters in the URL', () => {
  it('reads every filter from the query parameters', () => {
    const filters = filtersFromParams(
      convertToParamMap({ status: 'error', account: 'alice', sort: 'cpu', q: 'whisper' }),
    );
    expect(filters).toEqual({ status: 'error', account: 'alice', sort: { key: 'cpu', direction: 'desc' }, query: 'whisper' });
  });

  it('falls back to the defaults for missing or unknown values, so old links still open', () => {
    expect(filtersFromParams(convertToParamMap({}))).toEqual(DEFAULT_FILTERS);
    expect(filtersFromParams(convertToParamMap({ status: 'exploded', sort: 'random', account: '  ' }))).toEqual(
      DEFAULT_FILTERS,
    );
  });

  it('drops defaults from the URL so the plain view has a plain address', () => {
    expect(filtersToParams({ status: 'all', sort: DEFAULT_SORT, account: null, query: '  ' })).toEqual({
      status: null,
      sort: null,
      account: null,
      q: null,
    });
  });

  it('writes only what changed', () => {
    expect(filtersToParams({ status: 'not-running' })).toEqual({ status: 'not-running' });
    expect(filtersToParams({ query: ' bot ' })).toEqual({ q: 'bot' });
  });

  it('round-trips a shared view', () => {
    const view = { status: 'sleeping', account: 'nebula-labs', sort: { key: 'modified', direction: 'desc' }, query: 'chat' } as const;
    expect(filtersFromParams(convertToParamMap(filtersToParams(view)))).toEqual(view);
  });

  it('does not count sorting as filtering', () => {
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, sort: { key: 'cpu', direction: 'desc' } })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, query: 'x' })).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, account: 'bob' })).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, status: 'running' })).toBe(true);
  });

  it('sorts problems first unless told otherwise', () => {
    expect(DEFAULT_FILTERS.sort).toEqual({ key: 'attention', direction: 'asc' });
  });

  it('writes a sort as its key in its natural direction, with the direction otherwise', () => {
    expect(sortToParam({ key: 'cpu', direction: 'desc' })).toBe('cpu');
    expect(sortToParam({ key: 'cpu', direction: 'asc' })).toBe('cpu-asc');
    expect(sortToParam({ key: 'name', direction: 'desc' })).toBe('name-desc');
    expect(sortFromParam('cpu-asc')).toEqual({ key: 'cpu', direction: 'asc' });
    expect(sortFromParam('since')).toEqual({ key: 'since', direction: 'asc' });
  });

  it('still opens links from before: "name-desc" as it was, "status" as problems first', () => {
    expect(sortFromParam('name-desc')).toEqual({ key: 'name', direction: 'desc' });
    expect(sortFromParam('status')).toEqual({ key: 'attention', direction: 'asc' });
    expect(sortFromParam('cpu-sideways')).toBeNull();
  });
});
