import { visibleSpace } from '../auth/auth-matrix';
import type { HubContext } from '../http/hub-context';
import { contextOf } from '../http/request-context';
import { SseStream } from '../sse/sse-writer';
import type { SpaceRecord } from '../state/space-record';
import { param, type HubRoute } from './hub-route';

/** Third-party observation: the infra stream reports static Spaces as CONFIG_ERROR, though they serve fine. */
function reportedStage(space: SpaceRecord): string {
  return space.isStatic ? 'CONFIG_ERROR' : space.runtime.stage;
}

/**
 * `GET /v1/{owner}/{name}/sse` (docs/hub-api.md §8.2): `event: stage` with the bare stage on
 * connect and on every change; the stream never closes by itself.
 */
export function spaceStatusRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-status',
    method: 'get',
    paths: ['/v1/:owner/:name/sse'],
    handler: (req, res) => {
      const space = visibleSpace(hub.store, contextOf(req).principal, param(req.params['owner']), param(req.params['name']));
      const stream = new SseStream(req, res, hub.sse, { kind: 'status', spaceId: space.id, keepAlive: 'comment' });
      stream.open();
      const send = () => stream.send({ event: 'stage', data: reportedStage(space), json: false });
      send();
      stream.onClose(hub.store.onStage(space, send));
    },
  };
}
