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
  /** 403: the caller's role is below the least role of the route. */
  insufficientRole: 'INSUFFICIENT_ROLE',
  /** 403: the Space's account is outside the caller's account scope. */
  outOfScope: 'ACCOUNT_OUT_OF_SCOPE',
  /** 401: the user of this session or key was disabled. */
  userDisabled: 'USER_DISABLED',
  /** 401: the password was right; send it again with `code` (TOTP or a recovery code). */
  totpRequired: 'TOTP_REQUIRED',
  /** 401: the TOTP or recovery code is wrong or used. */
  invalidTotpCode: 'INVALID_TOTP_CODE',
  /** 409: TOTP is already on (enable) or off (disable), or setup was not started. */
  totpState: 'TOTP_STATE',
  /** 400: fewer than 12 characters, or a well-known password. */
  weakPassword: 'WEAK_PASSWORD',
  /** 400: another user has this name. */
  usernameTaken: 'USERNAME_TAKEN',
  /** 400: another API key has this name. */
  apiKeyNameTaken: 'API_KEY_NAME_TAKEN',
  /** 400: not viewer, operator or admin. */
  unknownRole: 'UNKNOWN_ROLE',
  /** 400: an account in `accounts` is not one of HF_USER's. */
  unknownAccount: 'UNKNOWN_ACCOUNT',
  /** 400: `expiresAt` is not in the future. */
  expiryInPast: 'EXPIRY_IN_PAST',
  /** 400: the change would leave no enabled admin. */
  lastAdmin: 'LAST_ADMIN',
  /** 400: the current password given to change it is wrong. */
  wrongPassword: 'WRONG_PASSWORD',
  /** 400: an audit cursor that this server did not make. */
  invalidCursor: 'INVALID_CURSOR',
  tokenCannotWrite: 'TOKEN_CANNOT_WRITE',
  /** 400: a cron expression croner does not accept. */
  invalidCron: 'INVALID_CRON',
  /** 400: a time zone that is not an IANA zone. */
  invalidTimezone: 'INVALID_TIMEZONE',
  /** 400: a keep-alive under 60 s or a probe under 10 s. */
  intervalTooShort: 'INTERVAL_TOO_SHORT',
  /** 400: an automation's targets match no Space. */
  noTargetMatch: 'TARGET_MATCHES_NOTHING',
  /** 400: settings that do not fit the automation's kind. */
  invalidAutomation: 'INVALID_AUTOMATION',
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
