import type { ScenarioToken, ScenarioUser } from '../scenario/scenario.schema';
import type { HubStore } from '../state/hub-store';

/** Who a request speaks for, from its `Authorization` header. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  | { kind: 'token'; user: ScenarioUser; token: ScenarioToken };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** No header is anonymous; any header that does not carry a known token is invalid (docs/hub-api.md §0.2). */
export function resolvePrincipal(store: HubStore, authorization: string | undefined): Principal {
  if (authorization === undefined) return { kind: 'anonymous' };
  const token = BEARER.exec(authorization)?.[1];
  const owner = token === undefined ? undefined : store.tokenOwner(token);
  return owner ? { kind: 'token', user: owner.user, token: owner.token } : { kind: 'invalid' };
}

/** A non-secret name for counters: the token's owner and display name, never its value. */
export function principalLabel(principal: Principal): string {
  switch (principal.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'invalid':
      return 'invalid-token';
    case 'token':
      return `${principal.user.name}/${principal.token.displayName}`;
  }
}
