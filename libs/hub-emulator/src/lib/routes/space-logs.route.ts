import { requireWrite, visibleSpace } from '../auth/auth-matrix';
import { BUILD_STAGES } from '../hub/stages';
import type { HubContext } from '../http/hub-context';
import { HubError, badRequest } from '../http/hub-error';
import { HubQuery } from '../http/hub-query';
import { contextOf } from '../http/request-context';
import type { LogKind } from '../logs/log-book';
import { SseStream } from '../sse/sse-writer';
import { param, type HubRoute } from './hub-route';

function logKind(value: string): LogKind {
  if (value === 'build' || value === 'run') return value;
  throw new HubError({ status: 404, error: 'Not Found' });
}

/**
 * `GET /api/spaces/{id}/logs/{build|run}` and the legacy `/v1/{id}/logs/{…}` (docs/hub-api.md §7):
 * data-only events `{"data":"<line>\n","timestamp":"<ISO>"}`, history first (`?tail=N`),
 * then live lines. A build log ends when the build does. Logs are shown to those who
 * may write to the Space (inferred for read-only tokens).
 */
export function spaceLogsRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-logs',
    method: 'get',
    paths: ['/api/spaces/:owner/:name/logs/:kind', '/v1/:owner/:name/logs/:kind'],
    handler: (req, res) => {
      const kind = logKind(param(req.params['kind']));
      const principal = contextOf(req).principal;
      const space = visibleSpace(hub.store, principal, param(req.params['owner']), param(req.params['name']));
      requireWrite(hub.store, principal, space);
      if (space.isStatic) throw badRequest('Static Spaces have no build or run logs');
      const tail = HubQuery.fromUrl(req.originalUrl).nonNegativeInt('tail');

      const stream = new SseStream(req, res, hub.sse, { kind: 'logs', spaceId: space.id, keepAlive: 'empty-data' });
      stream.open();
      const send = (line: { data: string; timestamp: string }) => stream.send({ data: JSON.stringify(line), json: true });
      for (const line of hub.logs.history(space.id, kind, tail)) send(line);
      if (kind === 'build' && !BUILD_STAGES.has(space.runtime.stage)) return stream.end();

      stream.onClose(hub.logs.subscribe(space.id, kind, send));
      if (kind === 'build') {
        stream.onClose(
          hub.store.onStage(space, ({ stage }) => {
            if (!BUILD_STAGES.has(stage)) stream.end();
          }),
        );
      }
    },
  };
}
