import type { HubContext } from '../http/hub-context';
import { HubError, INVALID_USER_OR_PASSWORD, sendHubError } from '../http/hub-error';
import { contextOf } from '../http/request-context';
import { rateLimitHeaders } from '../rate-limit/rate-limiter';
import { whoamiView } from '../views/whoami-view';
import type { HubRoute } from './hub-route';

/** `GET /api/whoami-v2`: the token's user, behind its own strict limit (docs/hub-api.md §6, §10). */
export function whoamiRoute(hub: HubContext): HubRoute {
  return {
    name: 'whoami',
    method: 'get',
    paths: ['/api/whoami-v2'],
    handler: (req, res) => {
      const principal = contextOf(req).principal;
      if (principal.kind !== 'token') throw new HubError({ status: 401, error: INVALID_USER_OR_PASSWORD });
      const decision = hub.whoamiLimiter.consume(`token:${principal.token.token}`, {
        quota: hub.rateLimit.whoamiQuota,
        windowSeconds: hub.rateLimit.whoamiWindowSeconds,
      });
      if (!decision.allowed) {
        // The bucket name of this limit is not documented; "whoami" keeps `r=0;t=` honest for clients.
        res.set(rateLimitHeaders('whoami', decision));
        res.setHeader('Retry-After', String(decision.resetSeconds));
        return sendHubError(
          res,
          new HubError({
            status: 429,
            error:
              "You've hit the rate limit for the /whoami-v2 endpoint, which is intentionally strict for security reasons. Cache its response instead of calling it often.",
          }),
        );
      }
      res.json(whoamiView(hub.store, principal.user, principal.token));
    },
  };
}
