import type { Role } from './roles';

/** A named API key as listed: never the key itself (only its hash is stored). */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  /** The accounts this key is limited to; null: all. */
  accounts: string[] | null;
  /** ISO times; `expiresAt` null: never. */
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** The user who created it. */
  createdBy: string;
}

/** `GET /api/v1/api-keys` (admin). */
export interface ApiKeysListResponse {
  keys: ApiKeyInfo[];
}

/** `POST /api/v1/api-keys` (admin). `expiresAt` must be in the future. */
export interface CreateApiKeyRequest {
  name: string;
  role: Role;
  accounts?: string[];
  /** ISO time. */
  expiresAt?: string;
}

/** The answer to `POST /api/v1/api-keys`: the only time `key` is ever shown. Send it as `Authorization: Bearer <key>`. */
export interface CreateApiKeyResponse extends ApiKeyInfo {
  key: string;
}
