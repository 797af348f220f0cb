import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { principalLabel, resolvePrincipal } from '../auth/principal';
import { cloudFrontErrorPage, isCloudFrontStatus } from '../http/cloudfront-page';
import type { HubContext } from '../http/hub-context';
import { HubError, invalidToken, sendHubError } from '../http/hub-error';
import { contextOf } from '../http/request-context';
import { rateLimitHeaders } from '../rate-limit/rate-limiter';
import type { CountedRouteName } from './route-names';

function sendCloudFront(req: Request, res: Response, status: number): void {
  res
    .status(status)
    .setHeader('X-Cache', 'Error from cloudfront')
    .type('text/html; charset=utf-8')
    .send(cloudFrontErrorPage(status, contextOf(req).requestId));
}

/**
 * What happens before a Hub handler, in order: identify and count the caller, the
 * "hub down" fault, injected latency, injected errors, the `api` rate limit (on
 * `/api/*`), then refuse an invalid token on every route, even public data (docs/hub-api.md §0.2).
 */
export function routePipeline(hub: HubContext, route: CountedRouteName): RequestHandler[] {
  const identify = (req: Request, _res: Response, next: NextFunction) => {
    const context = contextOf(req);
    context.route = route;
    context.principal = resolvePrincipal(hub.store, req.get('Authorization'));
    hub.counters.recordRequest(route, req.method, principalLabel(context.principal));
    next();
  };

  const down = (req: Request, res: Response, next: NextFunction) => {
    if (hub.faults.down === 'reset') return void req.socket.destroy();
    if (hub.faults.down === '503') return sendCloudFront(req, res, 503);
    next();
  };

  const latency = async (req: Request, _res: Response, next: NextFunction) => {
    const ms = hub.faults.latencyFor(route);
    if (ms > 0) await hub.timers.delay(ms);
    if (!req.socket.destroyed) next();
  };

  const injectedError = (req: Request, res: Response, next: NextFunction) => {
    const fault = hub.faults.errorFor(route, req.method);
    if (!fault) return next();
    const html = fault.body ? fault.body === 'html' : isCloudFrontStatus(fault.status) && fault.status !== 500;
    if (html) return sendCloudFront(req, res, fault.status);
    sendHubError(res, new HubError({ status: fault.status, error: fault.message ?? `Injected error ${fault.status}` }));
  };

  const rateLimit = (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) return next();
    const principal = contextOf(req).principal;
    const config = hub.rateLimit;
    const byToken = principal.kind === 'token';
    const decision = hub.apiLimiter.consume(
      byToken ? `token:${principal.token.token}` : `ip:${req.socket.remoteAddress ?? ''}`,
      { quota: byToken ? config.quota : (config.anonymousQuota ?? config.quota), windowSeconds: config.windowSeconds },
    );
    res.set(rateLimitHeaders('api', decision));
    if (decision.allowed) return next();
    res.setHeader('Retry-After', String(decision.resetSeconds));
    sendHubError(
      res,
      new HubError({
        status: 429,
        error: `You have exceeded the rate limit of the Hub API (${decision.quota} requests per ${decision.windowSeconds} seconds). Retry after ${decision.resetSeconds} seconds.`,
      }),
    );
  };

  const rejectInvalidToken = (req: Request, _res: Response, next: NextFunction) => {
    if (contextOf(req).principal.kind === 'invalid') throw invalidToken();
    next();
  };

  return [identify, down, latency, injectedError, rateLimit, rejectInvalidToken];
}
