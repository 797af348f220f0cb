/** Who is calling: a logged-in user, a script holding the API key, or nobody. */
export type Principal =
  | { kind: 'session'; username: string; jti: string; expiresAt: number }
  | { kind: 'apiKey' };

export type SessionPrincipal = Extract<Principal, { kind: 'session' }>;

/** Kept beside the request rather than on it, so nothing else (Passport's `request.user`) can set it. */
const principals = new WeakMap<object, Principal | null>();

/** Called once per request, by the AuthGuard. */
export function attachPrincipal(request: object, principal: Principal | null): void {
  principals.set(request, principal);
}

/** The caller the AuthGuard admitted; null for an anonymous visitor. */
export function principalOf(request: object): Principal | null {
  return principals.get(request) ?? null;
}
