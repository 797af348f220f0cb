/**
 * What the rest of the API sees when the Hub says no. Every class extends HubError, whose
 * `message` is safe to log or return: it names the route and the Hub's reason, never a token.
 */

export interface HubErrorDetails {
  /** The Hub's HTTP status; null when no response came (network, timeout) or nothing was sent. */
  status: number | null;
  /** The Hub's own reason (body `error` or `X-Error-Message`), when it gave one. */
  hubMessage?: string;
  /** `X-Request-Id`, to quote when reporting a problem to Hugging Face. */
  requestId?: string;
  /** `X-Error-Code`, e.g. `RepoNotFound`, `GatedRepo`. */
  errorCode?: string;
}

export class HubError extends Error {
  override readonly name: string = 'HubError';
  readonly status: number | null;
  readonly hubMessage?: string;
  readonly requestId?: string;
  readonly errorCode?: string;

  constructor(message: string, details: HubErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.status = details.status;
    this.hubMessage = details.hubMessage;
    this.requestId = details.requestId;
    this.errorCode = details.errorCode;
  }
}

/** The token is invalid, revoked or missing where one is required. */
export class HubUnauthorizedError extends HubError {
  override readonly name = 'HubUnauthorizedError';
}

/** The token is valid but may not do this (not the owner, read-only token, gated or disabled Space). */
export class HubForbiddenError extends HubError {
  override readonly name = 'HubForbiddenError';
}

/** No such Space, or not one this identity may see (the Hub answers anonymous callers 401 for both). */
export class HubNotFoundError extends HubError {
  override readonly name = 'HubNotFoundError';
}

/**
 * The Hub refused the request as such: 400 (e.g. restarting a static Space), and the other
 * 4xx that retrying cannot fix (406 "Space is stale" from live metrics, 409, 422…). `status` says which.
 * Also thrown, with status null, for a Space id that cannot be sent at all.
 */
export class HubBadRequestError extends HubError {
  override readonly name = 'HubBadRequestError';
}

/** 429, or a request not sent because this identity's rate-limit window has not reset yet. */
export class HubRateLimitedError extends HubError {
  override readonly name = 'HubRateLimitedError';
  /** Epoch milliseconds from which a request may be sent again. */
  readonly retryAt: number;

  constructor(
    message: string,
    details: HubErrorDetails,
    /** How long to wait, in milliseconds, from when the error was made. */
    readonly retryAfterMs: number,
  ) {
    super(message, details);
    this.retryAt = Date.now() + retryAfterMs;
  }
}

export type HubUnavailableReason = 'server' | 'network' | 'timeout';

/** The Hub could not answer: 5xx (or a body that is not what the route returns), no connection, or our timeout. */
export class HubUnavailableError extends HubError {
  override readonly name = 'HubUnavailableError';

  constructor(
    message: string,
    details: HubErrorDetails,
    readonly reason: HubUnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(message, details, options);
  }
}
