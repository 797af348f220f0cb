import {
  HubBadRequestError,
  HubError,
  HubForbiddenError,
  HubNotFoundError,
  HubRateLimitedError,
  HubUnauthorizedError,
  HubUnavailableError,
  type HubErrorDetails,
} from './hf-client.errors';
import { extractHubMessage } from './hub-error-message';

/** The Hub's message for a bad, unknown or malformed token (docs/hub-api.md §11); HFH special-cases it too. */
export const INVALID_CREDENTIALS = 'Invalid credentials in Authorization header';

/** What one failed response is about, to classify it and to name it in the message. */
export interface ErrorContext {
  method: 'GET' | 'POST';
  /** Route template, e.g. `GET /api/spaces/{owner}/{name}/runtime`. */
  route: string;
  /** The Space id or author the request was about, shown in the message. */
  subject?: string;
  /** Whether the route addresses one Space: there an anonymous 401 means "not found or private". */
  spaceScoped: boolean;
  token: string | null;
}

/** Removes a token from text that came from elsewhere, so it cannot reach a message or a log. */
export function redact(text: string, token: string | null): string {
  return token ? text.split(token).join('[redacted]') : text;
}

function describe(context: ErrorContext): string {
  return context.subject ? `${context.route} (${context.subject})` : context.route;
}

/**
 * An error response → the HubError the rest of the API maps. `rateLimitWaitMs` is what
 * the response asked us to wait (RateLimit/Retry-After), used for 429s.
 */
export function hubErrorFromResponse(
  status: number,
  headers: Headers,
  body: string,
  context: ErrorContext,
  rateLimitWaitMs: number,
): HubError {
  const hubMessage = (() => {
    const message = extractHubMessage(body, headers);
    return message === undefined ? undefined : redact(message, context.token);
  })();
  const details: HubErrorDetails = {
    status,
    hubMessage,
    requestId: headers.get('x-request-id') ?? undefined,
    errorCode: headers.get('x-error-code') ?? undefined,
  };
  const message = `Hub ${describe(context)} answered ${status}${hubMessage ? `: ${hubMessage}` : ''}`;

  if (status === 401) {
    // docs/hub-api.md §11: a bad token is 401 everywhere; an anonymous read of a missing or
    // private Space is also 401, which the Hub means as "not found" (HFH reads it so).
    // An anonymous mutation is refused for the missing login, unless the Hub says the repo is unknown.
    const badCredentials = hubMessage === INVALID_CREDENTIALS;
    const anonymousRead = context.token === null && context.method === 'GET';
    const repoNotFound = context.spaceScoped && (anonymousRead || details.errorCode === 'RepoNotFound');
    return !badCredentials && repoNotFound ? new HubNotFoundError(message, details) : new HubUnauthorizedError(message, details);
  }
  if (status === 403) return new HubForbiddenError(message, details);
  if (status === 404) return new HubNotFoundError(message, details);
  if (status === 429) return new HubRateLimitedError(message, details, rateLimitWaitMs);
  if (status === 408) return new HubUnavailableError(message, details, 'timeout');
  if (status >= 400 && status < 500) return new HubBadRequestError(message, details);
  return new HubUnavailableError(message, details, 'server');
}

/** No response at all: the connection failed, or our timeout fired first. */
export function hubErrorFromFailure(reason: 'network' | 'timeout', context: ErrorContext, timeoutMs: number, cause: unknown): HubUnavailableError {
  const detail = reason === 'timeout' ? `no answer within ${timeoutMs} ms` : 'could not connect';
  return new HubUnavailableError(`Hub ${describe(context)}: ${detail}`, { status: null }, reason, { cause });
}

/** Whether a read may be tried again after this error. */
export function isRetryableHubError(error: unknown): boolean {
  return error instanceof HubUnavailableError || error instanceof HubRateLimitedError;
}
