import type { InventoryChangeEvent, SpacesListResponse, SpaceSummary } from '@hfd/contracts';

/**
 * Keeps the previous object of every Space that did not change, so a new inventory (sent
 * after any change, and on every reconnect) re-renders only the cards that differ.
 * Both sides come from the same serializer, so JSON text equality is equality.
 */
export function reconcileSpaces(previous: readonly SpaceSummary[], next: readonly SpaceSummary[]): SpaceSummary[] {
  const old = new Map(previous.map((space) => [space.id, space]));
  return next.map((space) => {
    const before = old.get(space.id);
    return before && JSON.stringify(before) === JSON.stringify(space) ? before : space;
  });
}

/**
 * The inventory after a change event: changed Spaces replace theirs in place (new ones go
 * last), removed ones go, and the accounts and data age are the change's.
 */
export function applyInventoryChange(current: SpacesListResponse, change: InventoryChangeEvent): SpacesListResponse {
  const { changed, removed, ...rest } = change;
  const replacements = new Map(changed.map((space) => [space.id, space]));
  const gone = new Set(removed);
  const spaces = current.spaces.filter((space) => !gone.has(space.id)).map((space) => replacements.get(space.id) ?? space);
  const known = new Set(spaces.map((space) => space.id));
  return { ...rest, spaces: [...spaces, ...changed.filter((space) => !known.has(space.id))] };
}
