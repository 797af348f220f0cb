import type { Role } from '../people/roles';

/**
 * `POST /api/v1/auth/login`. With TOTP on, the first try without `code` is answered 401
 * `TOTP_REQUIRED` (the password was right); the client asks for the code and sends all three.
 * `code` is a 6-digit TOTP code or a recovery code.
 */
export interface LoginRequest {
  username: string;
  password: string;
  code?: string;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** ISO time the session ends. */
  expiresAt: string;
  username: string;
  role: Role;
  /** The accounts this user is limited to; null: all. */
  accounts: string[] | null;
}

/**
 * Single sign-on: `GET /api/v1/auth/oidc/login` sends the browser to the provider, whose
 * callback sends it back to the dashboard with `?oidcTicket=` (or `?oidcError=<code>`:
 * OIDC_STATE, OIDC_PROVIDER, OIDC_NO_ROLE, OIDC_NAME_TAKEN, OIDC_DISABLED_USER). The ticket,
 * usable once within a minute, is exchanged for the session by `POST /api/v1/auth/oidc/token`,
 * which answers a `LoginResponse`.
 */
export const OIDC_RETURN_QUERY = { ticket: 'oidcTicket', error: 'oidcError' } as const;

export interface OidcTokenRequest {
  ticket: string;
}

export interface MeResponse {
  username: string;
  expiresAt: string;
  role: Role;
  accounts: string[] | null;
  totpEnabled: boolean;
  /** The id of this session, as `GET /auth/sessions` lists it. */
  sessionId: string;
}
