/** Machine-readable codes carried by every error body. */
export const ERROR_CODES = {
  validationFailed: 'VALIDATION_FAILED',
  invalidSpaceId: 'INVALID_SPACE_ID',
  /** `?spaces=` names more Spaces, or more characters, than a stream may be narrowed to. */
  tooManySpaces: 'TOO_MANY_SPACES',
  unknownAction: 'UNKNOWN_ACTION',
  /** `?windows=` names a window other than 24h, 7d, 30d, 90d. */
  invalidWindow: 'INVALID_WINDOW',
  /** `?range=` of the metrics is not one of 5m, 1h, 24h, 7d. */
  invalidRange: 'INVALID_RANGE',
  /** `?from=`/`?to=` is not an ISO time, or `from` is not before `to`. */
  invalidTimeRange: 'INVALID_TIME_RANGE',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  unauthorized: 'UNAUTHORIZED',
  invalidCredentials: 'INVALID_CREDENTIALS',
  sessionRevoked: 'SESSION_REVOKED',
  apiKeyInvalid: 'API_KEY_INVALID',
  externalApiDisabled: 'EXTERNAL_API_DISABLED',
  forbidden: 'FORBIDDEN',
  tokenCannotWrite: 'TOKEN_CANNOT_WRITE',
  /** Restart, rebuild and pause do not apply to a static Space (the Hub refuses them too). */
  staticSpace: 'STATIC_SPACE',
  spaceNotFound: 'SPACE_NOT_FOUND',
  notFound: 'NOT_FOUND',
  loginThrottled: 'LOGIN_THROTTLED',
  /** 429: this client address has as many event streams open as it may (STREAM_LIMIT_PER_CLIENT). */
  tooManyStreams: 'TOO_MANY_STREAMS',
  /** 503: the server has as many event streams open as it may (STREAM_LIMIT). */
  streamCapacityReached: 'STREAM_CAPACITY_REACHED',
  /** 429: a forced refresh ran less than 5 s ago; Retry-After says when the next may. */
  refreshTooSoon: 'REFRESH_TOO_SOON',
  hubRateLimited: 'HUB_RATE_LIMITED',
  hubBadRequest: 'HUB_BAD_REQUEST',
  hubForbidden: 'HUB_FORBIDDEN',
  hubUnauthorized: 'HUB_UNAUTHORIZED',
  hubUnavailable: 'HUB_UNAVAILABLE',
  hubTimeout: 'HUB_TIMEOUT',
  hubError: 'HUB_ERROR',
  databaseUnavailable: 'DATABASE_UNAVAILABLE',
  internalError: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface ApiErrorBody {
  error: string;
  code: ErrorCode;
}
