import { STAGE_GROUP, type AutomationTargets, type SpaceSummary } from '@hfd/contracts';

function patternOf(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i');
}

/** Whether the filter (all of its fields) matches `space`; an absent filter matches nothing. */
function filterMatches(targets: AutomationTargets, space: SpaceSummary): boolean {
  const filter = targets.filter;
  if (filter === undefined) return false;
  if (filter.stageGroup !== undefined && (space.runtime === null || STAGE_GROUP[space.runtime.stage] !== filter.stageGroup)) return false;
  if (filter.tag !== undefined && !space.tags.some((tag) => tag.toLowerCase() === filter.tag?.toLowerCase())) return false;
  if (filter.namePattern !== undefined && !patternOf(filter.namePattern).test(space.id)) return false;
  return true;
}

/** Whether the rule's targets include `space` now. */
export function targets(rule: AutomationTargets, space: SpaceSummary): boolean {
  const id = space.id.toLowerCase();
  if (rule.spaces?.some((listed) => listed.toLowerCase() === id)) return true;
  if (rule.accounts?.some((account) => account.toLowerCase() === space.owner.toLowerCase())) return true;
  return filterMatches(rule, space);
}

/** The Spaces of `spaces` the targets include, and the listed Spaces that are not among them. */
export function resolveTargets(rule: AutomationTargets, spaces: readonly SpaceSummary[]): { matched: SpaceSummary[]; absent: string[] } {
  const matched = spaces.filter((space) => targets(rule, space));
  const known = new Set(spaces.map((space) => space.id.toLowerCase()));
  const absent = (rule.spaces ?? []).filter((id) => !known.has(id.toLowerCase()));
  return { matched, absent };
}

/** The accounts the targets can reach: listed ones, owners of listed Spaces, and (for a filter) every account. */
export function accountsOf(rule: AutomationTargets, matched: readonly SpaceSummary[]): string[] {
  const owners = new Set<string>();
  for (const account of rule.accounts ?? []) owners.add(account.toLowerCase());
  for (const id of rule.spaces ?? []) owners.add(id.split('/')[0].toLowerCase());
  for (const space of matched) owners.add(space.owner.toLowerCase());
  return [...owners];
}
