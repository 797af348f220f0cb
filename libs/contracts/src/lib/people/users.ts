import type { Role } from './roles';

/** Where a user comes from: made here (password), by single sign-on, or by a trusted proxy. */
export type UserSource = 'local' | 'oidc' | 'proxy';

/** A person who may log in. Never carries a password, hash or TOTP seed. */
export interface User {
  id: string;
  username: string;
  role: Role;
  /** The accounts this user is limited to; null: all. */
  accounts: string[] | null;
  disabled: boolean;
  totpEnabled: boolean;
  source: UserSource;
  /** ISO times. */
  createdAt: string;
  lastLoginAt: string | null;
}

/** `GET /api/v1/users` (admin). */
export interface UsersListResponse {
  users: User[];
}

/** `POST /api/v1/users` (admin); answers the `User`. No `accounts`: all accounts. */
export interface CreateUserRequest {
  username: string;
  password: string;
  role: Role;
  accounts?: string[];
}

/**
 * `PATCH /api/v1/users/:id` (admin); answers the `User`. `accounts: null` lifts the scope;
 * `password` sets a new one. Disabling, a new password or a new role or scope ends the user's
 * sessions at once.
 */
export interface UpdateUserRequest {
  role?: Role;
  accounts?: string[] | null;
  disabled?: boolean;
  password?: string;
}

/** `POST /api/v1/auth/password` (session): one's own password; answers a fresh `LoginResponse`, every other session ended. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
