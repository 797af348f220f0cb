import { badRequest } from '../http/hub-error';
import type { HubQuery } from '../http/hub-query';
import { EXPAND_KEYS, isExpandKey, type ExpandKey } from '../views/space-view';

/** The requested `expand` keys in request order, or null without `expand`; 400 on an unknown key (docs/hub-api.md §1.2). */
export function parseExpand(query: HubQuery): ExpandKey[] | null {
  const values = query.all('expand');
  if (values.length === 0) return null;
  const keys: ExpandKey[] = [];
  for (const value of values) {
    if (!isExpandKey(value)) {
      throw badRequest(`Invalid expand value "${value}"; expected one of: ${EXPAND_KEYS.join(', ')}`);
    }
    if (!keys.includes(value)) keys.push(value);
  }
  return keys;
}
