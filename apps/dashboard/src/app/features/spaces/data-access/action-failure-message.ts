import { ERROR_CODES } from '@hfd/contracts';
import type { ApiFailure } from '../../../core/api/api-failure';

export interface TranslatedMessage {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * The message for a failed action, or null when someone else already told the user
 * (a 401 is reported once, by the auth interceptor, as an expired session).
 */
export function actionFailureMessage(failure: ApiFailure, spaceId: string): TranslatedMessage | null {
  if (failure.status === 401) return null;
  if (failure.status === 0) return { key: 'errors.network' };
  switch (failure.code) {
    case ERROR_CODES.tokenCannotWrite:
      return { key: 'errors.tokenCannotWrite', params: { account: spaceId.split('/')[0] ?? '' } };
    case ERROR_CODES.spaceNotFound:
      return { key: 'errors.spaceNotFound', params: { space: spaceId } };
    case ERROR_CODES.staticSpace:
      return { key: 'errors.staticSpace', params: { space: spaceId } };
    case ERROR_CODES.hubRateLimited:
      return failure.retryAfterSeconds === null
        ? { key: 'errors.hubRateLimited' }
        : { key: 'errors.hubRateLimitedRetry', params: { seconds: failure.retryAfterSeconds } };
    case ERROR_CODES.hubTimeout:
      return { key: 'errors.hubTimeout' };
    case ERROR_CODES.hubUnavailable:
      return { key: 'errors.hubUnavailable' };
    case ERROR_CODES.hubForbidden:
    case ERROR_CODES.hubUnauthorized:
      return { key: 'errors.hubRefused', params: { space: spaceId } };
  }
  if (failure.status === 403) return { key: 'errors.forbidden' };
  if (failure.status === 404) return { key: 'errors.spaceNotFound', params: { space: spaceId } };
  if (failure.status === 429) return { key: 'errors.hubRateLimited' };
  if (failure.status === 504) return { key: 'errors.hubTimeout' };
  if (failure.status >= 502 && failure.status <= 503) return { key: 'errors.hubUnavailable' };
  return { key: 'errors.unexpected', params: { status: failure.status } };
}
