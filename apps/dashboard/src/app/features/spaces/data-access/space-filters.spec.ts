import { convertToParamMap } from '@angular/router';
import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, hasActiveFilters } from './space-filters';

describe('space filters in the URL', () => {
  it('reads every filter from the query parameters', () => {
    const filters = filtersFromParams(
      convertToParamMap({ status: 'error', account: 'alice', sort: 'cpu', q: 'whisper' }),
    );
    expect(filters).toEqual({ status: 'error', account: 'alice', sort: 'cpu', query: 'whisper' });
  });

  it('falls back to the defaults for missing or unknown values, so old links still open', () => {
    expect(filtersFromParams(convertToParamMap({}))).toEqual(DEFAULT_FILTERS);
    expect(filtersFromParams(convertToParamMap({ status: 'exploded', sort: 'random', account: '  ' }))).toEqual(
      DEFAULT_FILTERS,
    );
  });

  it('drops defaults from the URL so the plain view has a plain address', () => {
    expect(filtersToParams({ status: 'all', sort: 'name', account: null, query: '  ' })).toEqual({
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
    const view = { status: 'sleeping', account: 'nebula-labs', sort: 'modified', query: 'chat' } as const;
    expect(filtersFromParams(convertToParamMap(filtersToParams(view)))).toEqual(view);
  });

  it('does not count sorting as filtering', () => {
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, sort: 'cpu' })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, query: 'x' })).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, account: 'bob' })).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, status: 'running' })).toBe(true);
  });
});
