import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ControlInputError, UnknownSpaceError, type HubEmulatorControl } from '../control/emulator-control';
import type { HubContext } from '../http/hub-context';
import { param } from './hub-route';

/**
 * `/__emulator/...`: the control API over HTTP, JSON in and out, for the CLI and for
 * tests in another process. No Hub route lives under this prefix; it is never
 * counted, rate limited or faulted, so a "down" hub can still be brought back up.
 */
export function controlRouter(control: HubEmulatorControl, hub: HubContext): Router {
  const router = express.Router();
  router.use(express.json());
  const faults = (_req: Request, res: Response) => res.json(control.faults());

  router.get('/health', (_req, res) => res.json({ ok: true }));
  router.get('/scenario', (_req, res) => res.json(hub.store.scenario));

  router.get('/faults', faults);
  router.delete('/faults', (req, res) => {
    control.clearFaults();
    faults(req, res);
  });
  const body = (req: Request): unknown => req.body;
  const field = (req: Request, name: string): unknown => {
    const value = body(req);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  };

  router.post('/faults/latency', (req, res) => {
    control.setLatency(body(req));
    faults(req, res);
  });
  router.delete('/faults/latency', (req, res) => {
    control.setLatency(null);
    faults(req, res);
  });
  router.post('/faults/errors', (req, res) => {
    control.failRoute(body(req));
    faults(req, res);
  });
  router.post('/faults/streams', (req, res) => {
    control.addStreamFault(body(req));
    faults(req, res);
  });
  router.post('/faults/down', (req, res) => {
    control.hubDown(field(req, 'mode'));
    faults(req, res);
  });
  router.post('/faults/up', (req, res) => {
    control.hubUp();
    faults(req, res);
  });

  router.get('/rate-limit', (_req, res) => res.json(control.rateLimit()));
  router.post('/rate-limit', (req, res) => res.json(control.setRateLimit(body(req))));

  const spaceId = (req: Request) => `${param(req.params['owner'])}/${param(req.params['name'])}`;
  const space = (req: Request, res: Response) => res.json(control.space(spaceId(req)));

  router.post('/spaces/:owner/:name/stage', (req, res) => {
    const id = spaceId(req);
    control.setStage(id, field(req, 'stage'), field(req, 'errorMessage'));
    res.json({ id, stage: hub.store.spaceById(id)?.runtime.stage });
  });
  router.get('/spaces/:owner/:name', space);
  router.post('/spaces/:owner/:name/script', (req, res) => res.json(control.startScript(spaceId(req), field(req, 'steps'))));
  router.delete('/spaces/:owner/:name/script', (req, res) => {
    control.stopScript(spaceId(req));
    space(req, res);
  });
  router.post('/spaces/:owner/:name/app', (req, res) => res.json(control.setApp(spaceId(req), body(req))));
  router.delete('/spaces/:owner/:name/app', (req, res) => res.json(control.setApp(spaceId(req), null)));
  router.post('/spaces/:owner/:name/crash-loop', (req, res) => res.json(control.setCrashLoop(spaceId(req), body(req))));
  router.delete('/spaces/:owner/:name/crash-loop', (req, res) => res.json(control.setCrashLoop(spaceId(req), null)));
  router.post('/spaces/:owner/:name/stuck-build', (req, res) => res.json(control.setStuckBuild(spaceId(req), body(req))));
  router.delete('/spaces/:owner/:name/stuck-build', (req, res) => res.json(control.setStuckBuild(spaceId(req), null)));

  router.get('/clock', (_req, res) => res.json(control.clock()));
  router.post('/clock/advance', (req, res) => res.json(control.advanceClock(field(req, 'by'))));

  router.get('/counters', (_req, res) => res.json(hub.counters.snapshot()));
  router.delete('/counters', (_req, res) => {
    control.resetCounters();
    res.json(hub.counters.snapshot());
  });

  router.use((_req: Request, res: Response) => res.status(404).json({ error: 'Unknown control route' }));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ControlInputError) return void res.status(400).json({ error: error.message });
    if (error instanceof UnknownSpaceError) return void res.status(404).json({ error: error.message });
    const status = (error as { status?: unknown }).status;
    res.status(typeof status === 'number' && status < 500 ? status : 500).json({ error: (error as Error).message });
  });
  return router;
}
