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

export interface MeResponse {
  username: string;
  expiresAt: string;
  role: Role;
  accounts: string[] | null;
  totpEnabled: boolean;
  /** The id of this session, as `GET /auth/sessions` lists it. */
  sessionId: string;
}
