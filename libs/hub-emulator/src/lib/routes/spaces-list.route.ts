import type { Request } from 'express';
import { canRead } from '../auth/auth-matrix';
import type { HubContext } from '../http/hub-context';
import { badRequest } from '../http/hub-error';
import { HubQuery } from '../http/hub-query';
import { contextOf } from '../http/request-context';
import type { SpaceRecord } from '../state/space-record';
import { expandedView, listItemView } from '../views/space-view';
import { parseExpand } from './expand';
import type { HubRoute } from './hub-route';

type SortKey = 'createdAt' | 'lastModified' | 'likes' | 'trendingScore' | 'id';

const SORT_VALUES: Readonly<Record<SortKey, (space: SpaceRecord) => number | string>> = {
  createdAt: (s) => s.def.createdAt,
  lastModified: (s) => s.lastModified,
  likes: (s) => s.def.likes,
  trendingScore: (s) => s.def.trendingScore,
  id: (s) => s.id.toLowerCase(),
};

function isSortKey(value: string): value is SortKey {
  return value in SORT_VALUES;
}

/** Sorted descending unless `direction` is given and is not -1 (docs/hub-api.md §1); ties keep scenario order. */
function sortSpaces(spaces: SpaceRecord[], query: HubQuery): SpaceRecord[] {
  const sort = query.get('sort');
  if (sort === undefined) return spaces;
  if (!isSortKey(sort)) throw badRequest(`Invalid sort value "${sort}"`);
  const direction = query.get('direction');
  const descending = direction === undefined || direction === '-1';
  const value = SORT_VALUES[sort];
  return spaces
    .map((space, index) => ({ space, index }))
    .sort((a, b) => {
      const x = value(a.space);
      const y = value(b.space);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return (descending ? -order : order) || a.index - b.index;
    })
    .map(({ space }) => space);
}

/** The next page's absolute URL: every original parameter, as sent, plus `cursor` (docs/hub-api.md §1, §12.4). */
function nextLink(req: Request, query: HubQuery, cursor: string): string {
  const pairs = [...query.rawPairsWithout('cursor'), `cursor=${cursor}`];
  return `<${req.protocol}://${req.get('host') ?? ''}${req.path}?${pairs.join('&')}>; rel="next"`;
}

/** `GET /api/spaces`: filter, sort, page with `Link`, shape with `expand`/`full`. */
export function spacesListRoute(hub: HubContext): HubRoute {
  return {
    name: 'spaces-list',
    method: 'get',
    paths: ['/api/spaces'],
    handler: (req, res) => {
      const query = HubQuery.fromUrl(req.originalUrl);
      const principal = contextOf(req).principal;
      const expand = parseExpand(query);
      const requested = query.nonNegativeInt('limit');
      if (requested === 0) throw badRequest('"limit" must be at least 1');
      const limit = Math.min(requested ?? hub.pageSize, hub.pageSize);
      const cursor = query.get('cursor');
      const offset = cursor === undefined ? 0 : hub.cursor.decode(cursor);

      const author = query.get('author')?.toLowerCase();
      const search = query.get('search')?.toLowerCase();
      const filters = query.all('filter');
      const matching = hub.store.spaces.filter(
        (space) =>
          canRead(hub.store, principal, space) &&
          (author === undefined || space.owner.toLowerCase() === author) &&
          (search === undefined || space.id.toLowerCase().includes(search)) &&
          filters.every((tag) => tag === space.def.sdk || tag === 'region:us' || space.def.tags.includes(tag)),
      );
      const sorted = sortSpaces(matching, query);
      const page = sorted.slice(offset, offset + limit);
      if (offset + limit < sorted.length) res.setHeader('Link', nextLink(req, query, hub.cursor.encode(offset + limit)));
      const full = query.flag('full');
      res.json(page.map((space) => (expand ? expandedView(space, expand) : listItemView(space, full))));
    },
  };
}
