import type { SpaceSummary } from '@hfd/contracts';

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
