/** Base class of everything the SSE client errors with. */
export class SseError extends Error {
  override readonly name: string = 'SseError';
}

/** How much of an error body is kept, so a hostile server cannot make us buffer without bound. */
export const MAX_ERROR_BODY_CHARS = 4096;

/**
 * The server answered with a status that is not retried (or retries ran out), or with a
 * 2xx that is not an event stream. Carries what a caller needs to map it to its own error:
 * the status, the headers, and the start of the body.
 */
export class SseHttpError extends SseError {
  override readonly name = 'SseHttpError';

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    /** At most MAX_ERROR_BODY_CHARS characters of the response body. */
    readonly body: string,
    /** Why it was rejected: its status, or a 2xx with a content type other than text/event-stream. */
    readonly reason: 'status' | 'content-type' = 'status',
  ) {
    super(
      reason === 'status'
        ? `SSE request failed with HTTP ${status}${statusText ? ` ${statusText}` : ''}`
        : `SSE response is not an event stream (content type "${headers.get('content-type') ?? ''}")`,
    );
  }
}

/** The connection could not be made or broke, and no more attempts are allowed. */
export class SseNetworkError extends SseError {
  override readonly name = 'SseNetworkError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
