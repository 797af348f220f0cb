import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import type { CountedRouteName } from '../routes/route-names';

export interface RequestContext {
  requestId: string;
  route: CountedRouteName;
  principal: Principal;
}

const contexts = new WeakMap<Request, RequestContext>();

/** Typed per-request state (express's `res.locals` is untyped). */
export function contextOf(req: Request): RequestContext {
  let context = contexts.get(req);
  if (!context) {
    context = { requestId: '', route: 'unknown', principal: { kind: 'anonymous' } };
    contexts.set(req, context);
  }
  return context;
}
