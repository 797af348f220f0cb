import { visibleSpace } from '../auth/auth-matrix';
import type { HubContext } from '../http/hub-context';
import { contextOf } from '../http/request-context';
import { runtimeView } from '../views/runtime-view';
import { param, type HubRoute } from './hub-route';

/** `GET /api/spaces/{owner}/{name}/runtime` (docs/hub-api.md §3); public Spaces need no token. */
export function spaceRuntimeRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-runtime',
    method: 'get',
    paths: ['/api/spaces/:owner/:name/runtime'],
    handler: (req, res) => {
      const space = visibleSpace(hub.store, contextOf(req).principal, param(req.params['owner']), param(req.params['name']));
      res.json(runtimeView(space));
    },
  };
}
