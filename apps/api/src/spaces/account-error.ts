import type { AccountError } from '@hfd/contracts';
import { HubRateLimitedError, HubUnauthorizedError, HubUnavailableError } from '../hf-client/hf-client.errors';

/** Why an account's Spaces could not be read, in words the dashboard can show and translate. */
export function toAccountError(error: unknown, at: Date): AccountError {
  const when = at.toISOString();
  if (error instanceof HubUnauthorizedError) return { kind: 'token_invalid', message: 'The Hub refused the token (invalid or revoked)', at: when };
  if (error instanceof HubRateLimitedError) return { kind: 'rate_limited', message: 'The Hub rate limit is reached', at: when };
  if (error instanceof HubUnavailableError) return { kind: 'hub_unreachable', message: 'The Hub is unreachable or failing', at: when };
  return { kind: 'hub_error', message: error instanceof Error ? error.message : 'The Hub answered with an error', at: when };
}
