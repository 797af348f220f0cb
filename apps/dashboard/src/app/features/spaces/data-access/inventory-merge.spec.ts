import type { SpacesListResponse, SpaceSummary } from '@hfd/contracts';
import { makeSpace } from '../../../../testing/fixtures';
import { applyInventoryChange, reconcileSpaces } from './inventory-merge';

describe('reconcileSpaces', () => {
  it('keeps the old object of an unchanged Space and takes the new one of a changed Space', () => {
    const previous = [makeSpace('a/one'), makeSpace('a/two')];
    const next = [makeSpace('a/one'), makeSpace('a/two', 'SLEEPING'), makeSpace('a/three')];
    const merged = reconcileSpaces(previous, next);
    expect(merged[0]).toBe(previous[0]);
    expect(merged[1]).toBe(next[1]);
    expect(merged[2]).toBe(next[2]);
  });

  it("follows the new inventory's order and drops Spaces that are gone", () => {
    const previous = [makeSpace('a/one'), makeSpace('a/two')];
    const merged = reconcileSpaces(previous, [makeSpace('a/two')]);
    expect(merged.map((space) => space.id)).toEqual(['a/two']);
    expect(merged[0]).toBe(previous[1]);
  });
});

describe('applyInventoryChange', () => {
  const base = (id: string, title = id): SpaceSummary => ({ ...makeSpace(id), title });
  const inventory: SpacesListResponse = {
    spaces: [base('u/a'), base('u/b'), base('u/c')],
    accounts: [],
    fetchedAt: '2026-01-01T00:00:00.000Z',
    ageMs: 0,
    stale: false,
    refreshing: false,
    generatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('replaces changed Spaces in place, drops removed ones, adds new ones last, and takes the accounts and age', () => {
    const account = { name: 'u', canWrite: true, spaceCount: 3, error: null, fetchedAt: null };
    const next = applyInventoryChange(inventory, {
      changed: [base('u/d'), base('u/b', 'B!')],
      removed: ['u/c'],
      accounts: [account],
      fetchedAt: '2026-01-01T00:00:30.000Z',
      ageMs: 5,
      stale: true,
      refreshing: false,
      generatedAt: '2026-01-01T00:00:30.005Z',
    });
    expect(next.spaces.map((space) => [space.id, space.title])).toEqual([
      ['u/a', 'u/a'],
      ['u/b', 'B!'],
      ['u/d', 'u/d'],
    ]);
    expect(next.spaces[0]).toBe(inventory.spaces[0]);
    expect(next).toMatchObject({ accounts: [account], fetchedAt: '2026-01-01T00:00:30.000Z', ageMs: 5, stale: true });
  });
});
