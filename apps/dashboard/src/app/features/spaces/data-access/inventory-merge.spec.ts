import { makeSpace } from '../../../../testing/fixtures';
import { reconcileSpaces } from './inventory-merge';

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
