import { ERROR_CODES } from '@hfd/contracts';
import {
  HubBadRequestError,
  HubError,
  HubForbiddenError,
  HubNotFoundError,
  HubRateLimitedError,
  HubUnauthorizedError,
  HubUnavailableError,
} from '../../hf-client/hf-client.errors';
import { ApiException } from './api.exception';
import type { ErrorMapper } from './error-mapper';

function retryAfterSeconds(error: HubRateLimitedError): string {
  return String(Math.max(1, Math.ceil((error.retryAt - Date.now()) / 1000)));
}

/**
 * How a Hub refusal reaches our callers. A refused HF token is a server-side problem
 * (the operator's configuration), so it is never a 401: the dashboard would take that
 * for its own session ending.
 */
export const mapHubError: ErrorMapper = (error) => {
  if (!(error instanceof HubError)) return null;
  const reason = error.hubMessage ? `: ${error.hubMessage}` : '';
  if (error instanceof HubNotFoundError) return new ApiException(404, ERROR_CODES.spaceNotFound, 'Space not found');
  if (error instanceof HubForbiddenError) return new ApiException(403, ERROR_CODES.hubForbidden, `The Hub refused this action${reason}`);
  if (error instanceof HubUnauthorizedError) {
    return new ApiException(502, ERROR_CODES.hubUnauthorized, 'The Hub refused the account token (invalid or revoked)');
  }
  if (error instanceof HubBadRequestError) return new ApiException(400, ERROR_CODES.hubBadRequest, `The Hub refused the request${reason}`);
  if (error instanceof HubRateLimitedError) {
    return new ApiException(429, ERROR_CODES.hubRateLimited, 'The Hub rate limit is reached; retry later', {
      'Retry-After': retryAfterSeconds(error),
    });
  }
  if (error instanceof HubUnavailableError && error.reason === 'timeout') {
    return new ApiException(504, ERROR_CODES.hubTimeout, 'The Hub did not answer in time');
  }
  return new ApiException(503, ERROR_CODES.hubUnavailable, 'The Hub is unreachable or failing; retry later');
};
