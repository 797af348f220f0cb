import { visibleSpace } from '../auth/auth-matrix';
import type { HubContext } from '../http/hub-context';
import { HubError } from '../http/hub-error';
import { HubQuery } from '../http/hub-query';
import { contextOf } from '../http/request-context';
import { expandedView, infoView } from '../views/space-view';
import { parseExpand } from './expand';
import { param, type HubRoute } from './hub-route';

/** `GET /api/spaces/{owner}/{name}[/revision/{rev}]`: full info with runtime inline (docs/hub-api.md §2). */
export function spaceInfoRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-info',
    method: 'get',
    paths: ['/api/spaces/:owner/:name', '/api/spaces/:owner/:name/revision/:rev'],
    handler: (req, res) => {
      const space = visibleSpace(hub.store, contextOf(req).principal, param(req.params['owner']), param(req.params['name']));
      const rev = req.params['rev'] === undefined ? undefined : param(req.params['rev']);
      if (rev !== undefined && rev !== 'main' && rev !== 'HEAD' && rev !== space.sha) {
        throw new HubError({ status: 404, error: `Invalid rev id: ${rev}`, code: 'RevisionNotFound' });
      }
      const expand = parseExpand(HubQuery.fromUrl(req.originalUrl));
      res.json(expand ? expandedView(space, expand) : infoView(space));
    },
  };
}
