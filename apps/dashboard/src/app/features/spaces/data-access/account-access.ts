import { InjectionToken } from '@angular/core';
import type { AccountPublicInfo, AccountStatus } from '@hfd/contracts';

/** What an account's token lets a logged-in operator do to its Spaces. */
export type AccountAccess = 'write' | 'read-only' | 'no-token' | 'unknown';

/**
 * Combines the two places that speak about an account's token.
 *
 * Whether a token is configured at all is the server's configuration, fixed at start: only
 * `GET /config` says it. Whether the token can write is learned from the Hub, and can be
 * learned late (the Hub was down when the server started) or change (a token replaced by
 * one of another role): the inventory (`GET /spaces` and every `inventory` stream event)
 * carries the live answer, while `/config` is read once. So the inventory decides, and the
 * configuration only until the first inventory arrives.
 *
 * `unknown` (neither has loaded) lets the server decide: it answers 403 if need be.
 */
export function accountAccess(config: AccountPublicInfo | null, status: AccountStatus | null): AccountAccess {
  if (config && !config.hasToken) return 'no-token';
  const canWrite = status?.canWrite ?? config?.canWrite;
  if (canWrite === undefined) return 'unknown';
  return canWrite ? 'write' : 'read-only';
}

/**
 * What an account's header says about its token to someone logged in (who could otherwise
 * act), as a translation key; null when the token can write, or nobody could act anyway.
 */
export function tokenNote(access: AccountAccess, loggedIn: boolean): string | null {
  if (!loggedIn) return null;
  if (access === 'no-token') return 'account.noToken';
  if (access === 'read-only') return 'account.readOnlyToken';
  return null;
}

/** True inside a view that already says each account's token status (an account group's header). */
export const ACCOUNT_STATUS_SHOWN = new InjectionToken<boolean>('ACCOUNT_STATUS_SHOWN', { factory: () => false });
