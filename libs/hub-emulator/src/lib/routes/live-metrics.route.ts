import { visibleSpace } from '../auth/auth-matrix';
import type { HubContext } from '../http/hub-context';
import { HubError } from '../http/hub-error';
import { contextOf } from '../http/request-context';
import { SseStream } from '../sse/sse-writer';
import { param, type HubRoute } from './hub-route';

/**
 * `GET /v1/{owner}/{name}/live-metrics/sse` (docs/hub-api.md §8.1): `event: metric` about once
 * per interval per replica while the Space runs, keep-alive comments otherwise.
 * Static Spaces have no container: 406 "Space is stale" (third-party observation).
 */
export function liveMetricsRoute(hub: HubContext): HubRoute {
  return {
    name: 'live-metrics',
    method: 'get',
    paths: ['/v1/:owner/:name/live-metrics/sse'],
    handler: (req, res) => {
      const space = visibleSpace(hub.store, contextOf(req).principal, param(req.params['owner']), param(req.params['name']));
      if (space.isStatic) throw new HubError({ status: 406, error: 'Space is stale' });
      const stream = new SseStream(req, res, hub.sse, { kind: 'metrics', spaceId: space.id, keepAlive: 'comment' });
      stream.open();
      stream.onClose(
        hub.metrics.subscribe(space, (sample) => stream.send({ event: 'metric', data: JSON.stringify(sample), json: true })),
      );
    },
  };
}
