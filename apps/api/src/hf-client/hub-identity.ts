import { createHash } from 'node:crypto';

/**
 * A stable key for "who is calling" (rate limits and caches are per token, or per address
 * when anonymous) that is not the token itself, so no map, log or dump holds a token.
 */
export function identityKey(token: string | null): string {
  if (token === null) return 'anonymous';
  return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
}
