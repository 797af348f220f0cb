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

/** How a caller is named where its doing is recorded (stage history, later the audit log). */
export function actorOf(principal: Principal | null): string | null {
  if (principal === null) return null;
  return principal.kind === 'session' ? principal.username : 'api-key';
}
