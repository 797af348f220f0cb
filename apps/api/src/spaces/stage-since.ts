import type { SpaceRuntime, SpaceSummary } from '@hfd/contracts';

/**
 * When the Space entered the stage `next` reports, as far as this server knows: kept while
 * the stage stays, `now` when this server saw it change, and null when it did not see the
 * stage begin (the first read after start, a Space new to the list, a runtime the Hub did
 * not report). Never a guess: the dashboard shows no duration rather than a wrong one.
 */
export function stageSinceOf(previous: SpaceSummary | undefined, next: SpaceRuntime | null, now: string): string | null {
  if (!previous?.runtime || !next) return null;
  return previous.runtime.stage === next.stage ? previous.stageSince : now;
}
