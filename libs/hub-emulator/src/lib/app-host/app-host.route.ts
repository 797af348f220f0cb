import express, { type Request, type Response, type Router } from 'express';
import { canRead } from '../auth/auth-matrix';
import { resolvePrincipal } from '../auth/principal';
import { isRunningStage } from '../hub/stages';
import type { HubContext } from '../http/hub-context';
import { param } from '../routes/hub-route';
import type { SpaceRecord } from '../state/space-record';
import { appPage, notFoundPage, notServingPage } from './app-pages';

function sendPage(res: Response, status: number, body: string): void {
  res.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
  res.send(body);
}

/** The configured answer: after its latency, or never when the app hangs. */
async function answer(hub: HubContext, space: SpaceRecord, req: Request, res: Response): Promise<void> {
  const app = hub.apps.get(space);
  // A hanging app leaves the request open until the caller gives up or the emulator closes.
  if (app.hang) return;
  if (app.latencyMs > 0) await hub.timers.delay(app.latencyMs);
  if (req.socket.destroyed) return;
  res.status(app.status).setHeader('Content-Type', app.contentType);
  res.send(app.body ?? appPage(space));
}

/**
 * `/_apps/{subdomain}/…`: each Space's app, standing in for `https://{subdomain}.hf.space`
 * (docs/hub-api.md §0.1) on the emulator's origin, so `SPACE_URL_TEMPLATE` can be
 * `http://127.0.0.1:<port>/_apps/{subdomain}`. Outside the Hub's API: no Hub headers,
 * rate limits, faults or request counters; visits are counted per Space instead.
 */
export function appHostRouter(hub: HubContext): Router {
  const router = express.Router();
  router.all(['/:subdomain', '/:subdomain/*rest'], async (req, res) => {
    const space = hub.store.spaceBySubdomain(param(req.params['subdomain']));
    const principal = resolvePrincipal(hub.store, req.get('Authorization'));
    // A private Space's app needs a token that may read it (how hf.space checks it is inferred).
    if (!space || !canRead(hub.store, principal, space)) return sendPage(res, 404, notFoundPage());
    hub.counters.recordVisit(space.id);
    hub.sleep.visited(space);
    const stage = space.runtime.stage;
    if (space.isStatic || isRunningStage(stage)) return answer(hub, space, req, res);
    // A visit wakes a sleeping Space but not a paused one (docs/hub-api.md §9).
    hub.machine.wake(space);
    sendPage(res, 503, notServingPage(space, stage));
  });
  return router;
}
