/** Machine-readable codes carried by every error body. */
export const ERROR_CODES = {
  validationFailed: 'VALIDATION_FAILED',
  invalidSpaceId: 'INVALID_SPACE_ID',
  unknownAction: 'UNKNOWN_ACTION',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  unauthorized: 'UNAUTHORIZED',
  invalidCredentials: 'INVALID_CREDENTIALS',
  sessionRevoked: 'SESSION_REVOKED',
  apiKeyInvalid: 'API_KEY_INVALID',
  externalApiDisabled: 'EXTERNAL_API_DISABLED',
  forbidden: 'FORBIDDEN',
  tokenCannotWrite: 'TOKEN_CANNOT_WRITE',
  spaceNotFound: 'SPACE_NOT_FOUND',
  notFound: 'NOT_FOUND',
  loginThrottled: 'LOGIN_THROTTLED',
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
