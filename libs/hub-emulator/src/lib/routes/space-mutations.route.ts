import type { Request } from 'express';
import { z } from 'zod';
import { requireWrite, visibleSpace } from '../auth/auth-matrix';
import { FLAVORS, isFlavor } from '../hub/flavors';
import type { HubContext } from '../http/hub-context';
import { badRequest } from '../http/hub-error';
import { HubQuery } from '../http/hub-query';
import { contextOf } from '../http/request-context';
import type { SpaceRecord } from '../state/space-record';
import { runtimeView } from '../views/runtime-view';
import { param, type HubRoute } from './hub-route';

const SleepTimeBody = z.object({ seconds: z.number().int().refine((s) => s === -1 || s > 0, 'must be -1 or positive') });
const HardwareBody = z.object({
  flavor: z.string(),
  sleepTimeSeconds: z
    .number()
    .int()
    .refine((s) => s === -1 || s > 0, 'must be -1 or positive')
    .optional(),
});

/** The Space, if the caller may change it: visibility (401/404), then write rights (401/403). */
function writableSpace(hub: HubContext, req: Request): SpaceRecord {
  const principal = contextOf(req).principal;
  const space = visibleSpace(hub.store, principal, param(req.params['owner']), param(req.params['name']));
  requireWrite(hub.store, principal, space);
  return space;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw badRequest(`Invalid body: "${field}" ${issue?.message ?? 'is invalid'}`);
}

const STATIC_REFUSAL = 'Static Spaces are always running and never billed, so they cannot be restarted, paused or given hardware';

/** `POST …/restart[?factory=true]`: any stage, including PAUSED; 400 for static Spaces (docs/hub-api.md §4). */
export function restartRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-restart',
    method: 'post',
    paths: ['/api/spaces/:owner/:name/restart'],
    jsonBody: true,
    handler: (req, res) => {
      const space = writableSpace(hub, req);
      if (space.isStatic) throw badRequest(STATIC_REFUSAL);
      hub.machine.restart(space, HubQuery.fromUrl(req.originalUrl).flag('factory'));
      res.json(runtimeView(space));
    },
  };
}

/** `POST …/pause`: PAUSED at once (docs/hub-api.md §5). */
export function pauseRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-pause',
    method: 'post',
    paths: ['/api/spaces/:owner/:name/pause'],
    jsonBody: true,
    handler: (req, res) => {
      const space = writableSpace(hub, req);
      if (space.isStatic) throw badRequest(STATIC_REFUSAL);
      hub.machine.pause(space);
      res.json(runtimeView(space));
    },
  };
}

/** `POST …/sleeptime` with `{"seconds": n}`, -1 = never (docs/hub-api.md §5). */
export function sleepTimeRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-sleeptime',
    method: 'post',
    paths: ['/api/spaces/:owner/:name/sleeptime'],
    jsonBody: true,
    handler: (req, res) => {
      const space = writableSpace(hub, req);
      if (space.isStatic) throw badRequest('Static Spaces have no sleep time');
      const { seconds } = parseBody(SleepTimeBody, req.body);
      hub.machine.setSleepTime(space, seconds);
      res.json(runtimeView(space));
    },
  };
}

/** `POST …/hardware` with `{"flavor": "…", "sleepTimeSeconds"?: n}`, flavors of docs/hub-api.md §5. */
export function hardwareRoute(hub: HubContext): HubRoute {
  return {
    name: 'space-hardware',
    method: 'post',
    paths: ['/api/spaces/:owner/:name/hardware'],
    jsonBody: true,
    handler: (req, res) => {
      const space = writableSpace(hub, req);
      if (space.isStatic) throw badRequest(STATIC_REFUSAL);
      const body = parseBody(HardwareBody, req.body);
      if (!isFlavor(body.flavor)) {
        throw badRequest(`Invalid flavor "${body.flavor}"; expected one of: ${FLAVORS.join(', ')}`);
      }
      if (body.flavor === 'zero-a10g' && space.def.sdk !== 'gradio') {
        throw badRequest('ZeroGPU hardware (zero-a10g) is only available to Gradio Spaces');
      }
      hub.machine.setHardware(space, body.flavor, body.sleepTimeSeconds);
      res.json(runtimeView(space));
    },
  };
}
