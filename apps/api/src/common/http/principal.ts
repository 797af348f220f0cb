import { roleIncludes, type Role } from '@hfd/contracts';

/**
 * Who is calling: a logged-in user, a script holding an API key (`API_KEY`, named "API_KEY",
 * or a named key), or nobody (null). Role and scope are the user's or key's as they are now,
 * not as they were at login: a change applies at the next request.
 */
export type Principal =
  | {
      kind: 'session';
      username: string;
      userId: string;
      role: Role;
      /** Lower-cased account names this user is limited to; null: all. */
      accounts: ReadonlySet<string> | null;
      jti: string;
      expiresAt: number;
      /** Named by a trusted proxy's `Remote-User` (TRUSTED_PROXY_AUTH) rather than a token of ours: the proxy owns the session. */
      proxied?: true;
    }
  | {
      kind: 'apiKey';
      /** "API_KEY" for the configured key. */
      name: string;
      /** null for the configured API_KEY. */
      keyId: string | null;
      role: Role;
      accounts: ReadonlySet<string> | null;
      /** null: never. */
      expiresAt: number | null;
    };

export type SessionPrincipal = Extract<Principal, { kind: 'session' }>;
export type ApiKeyPrincipal = Extract<Principal, { kind: 'apiKey' }>;

/** The name of the configured API_KEY as a principal and in the audit log. */
export const CONFIGURED_KEY_NAME = 'API_KEY';

/**
 * Whether the caller's account scope includes `account` (a user or organisation of HF_USER).
 * The one scope check of every route that carries Space data or acts on a Space.
 */
export function canSeeAccount(principal: Principal | null, account: string): boolean {
  return principal !== null && (principal.accounts === null || principal.accounts.has(account.toLowerCase()));
}

/** Whether the caller may act (restart, rebuild, pause, resume…) on Spaces of `account`. */
export function mayActOn(principal: Principal | null, account: string): boolean {
  return principal !== null && roleIncludes(principal.role, 'operator') && canSeeAccount(principal, account);
}

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

/** How a caller is named in the stage history: the user, or the key by its name. */
export function actorOf(principal: Principal | null): string | null {
  if (principal === null) return null;
  return principal.kind === 'session' ? principal.username : principal.name;
}
