import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { appHostRouter } from './app-host/app-host.route';
import type { HubEmulatorControl } from './control/emulator-control';
import type { HubContext } from './http/hub-context';
import { HubError, badRequest, sendHubError } from './http/hub-error';
import { hubHeaders } from './http/hub-headers';
import { controlRouter } from './routes/control.route';
import type { HubRoute } from './routes/hub-route';
import { liveMetricsRoute } from './routes/live-metrics.route';
import { routePipeline } from './routes/route-pipeline';
import { spaceInfoRoute } from './routes/space-info.route';
import { spaceLogsRoute } from './routes/space-logs.route';
import { hardwareRoute, pauseRoute, restartRoute, sleepTimeRoute } from './routes/space-mutations.route';
import { spaceRuntimeRoute } from './routes/space-runtime.route';
import { spaceStatusRoute } from './routes/space-status.route';
import { spacesListRoute } from './routes/spaces-list.route';
import { whoamiRoute } from './routes/whoami.route';

function hubRoutes(hub: HubContext): HubRoute[] {
  return [
    whoamiRoute(hub),
    spacesListRoute(hub),
    spaceRuntimeRoute(hub),
    restartRoute(hub),
    pauseRoute(hub),
    sleepTimeRoute(hub),
    hardwareRoute(hub),
    spaceLogsRoute(hub),
    spaceInfoRoute(hub),
    liveMetricsRoute(hub),
    spaceStatusRoute(hub),
  ];
}

/** body-parser's errors carry a 4xx `status` (malformed JSON, body too large). */
function clientErrorStatus(error: unknown): number | null {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) return void req.socket.destroy();
  if (error instanceof HubError) return sendHubError(res, error);
  if (clientErrorStatus(error) !== null) return sendHubError(res, badRequest('Invalid JSON body'));
  sendHubError(res, new HubError({ status: 500, error: `Internal Error: ${(error as Error).message}` }));
}

/**
 * The Hub (`/api/...`), the Spaces infrastructure (`/v1/...`) and the Spaces' apps
 * (`/_apps/{subdomain}/...`) on one origin, plus `/__emulator` control.
 */
export function createHubApp(hub: HubContext, control: HubEmulatorControl): Express {
  const app = express();
  app.disable('x-powered-by');
  // Apps are not the Hub: they get none of its headers.
  app.use('/_apps', appHostRouter(hub));
  app.use(hubHeaders);
  app.use('/__emulator', controlRouter(control, hub));
  const jsonBody = express.json({ limit: '100kb' });
  for (const route of hubRoutes(hub)) {
    const handlers = [...routePipeline(hub, route.name), ...(route.jsonBody ? [jsonBody] : []), route.handler];
    if (route.method === 'get') app.get(route.paths, ...handlers);
    else app.post(route.paths, ...handlers);
  }
  app.use(...routePipeline(hub, 'unknown'), () => {
    throw new HubError({ status: 404, error: 'Not Found' });
  });
  app.use(errorHandler);
  return app;
}
