import type { Principal } from '../common/http/principal';

/**
 * The one visibility rule, for every route that carries Space data: private Spaces
 * only for a logged-in user or an API-key holder, unless SHOW_PRIVATE is on.
 */
export function maySeePrivate(principal: Principal | null, showPrivate: boolean): boolean {
  return showPrivate || principal !== null;
}

export function isVisible(space: { private: boolean }, seesPrivate: boolean): boolean {
  return seesPrivate || !space.private;
}
