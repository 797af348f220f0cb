/** One Server-Sent Event as it arrived. `event` defaults to `message`, as in the browser's EventSource. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Where a subscription stands, for "live / reconnecting / offline" indicators.
 * `connecting`: first attempt in flight. `open`: a 2xx event stream is being read.
 * `reconnecting`: the connection failed or ended and another attempt is pending or in flight.
 * `closed`: the Observable completed, errored or was unsubscribed; nothing more will happen.
 */
export type SseConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What to fetch for one connection attempt. */
export interface SseRequest {
  url: string;
  init?: RequestInit;
}

/** Passed to the request factory on every attempt, so it can refresh tokens or wait for a rate limit. */
export interface SseRequestContext {
  /** 0 for the first connection, then 1, 2, … for each reconnection of this subscription. */
  attempt: number;
  /** The last `id:` the server sent in this subscription; also sent as `Last-Event-ID`. */
  lastEventId?: string;
  /** Aborted when the subscriber unsubscribes. */
  signal: AbortSignal;
}

export type SseRequestFactory = (context: SseRequestContext) => SseRequest | Promise<SseRequest>;

/** Why another connection is about to be attempted. */
export interface SseReconnectInfo {
  /** Consecutive failed attempts so far (1 after the first failure); 0 after a clean end of stream. */
  failures: number;
  delayMs: number;
  /** The HTTP status of a retryable response, or undefined. */
  status?: number;
  /** The network or read error, the retryable response's SseHttpError, or undefined after a clean end. */
  error?: unknown;
}

export interface SseStreamOptions {
  /** First reconnection delay, and the base of the exponential backoff. Default 1000 ms. */
  initialDelayMs?: number;
  /** Backoff ceiling (a larger server `retry:` still wins). Default 30000 ms. */
  maxDelayMs?: number;
  /** Share of each delay that is randomised away (0: none, 1: anywhere in [0, delay]). Default 0.5. */
  jitter?: number;
  /** Consecutive failed attempts after which the Observable errors with the last error. Default: unlimited. */
  maxAttempts?: number;
  /** Statuses worth retrying; everything else errors at once. Default: 408, 425, 429 and 5xx. */
  isRetryableStatus?: (status: number) => boolean;
  /**
   * The server's own wait before retrying a retryable response, in ms (added to the backoff floor).
   * Default: the `Retry-After` header in integer seconds.
   */
  retryAfterMs?: (response: Response) => number | undefined;
  /** Reconnect when the server ends the stream cleanly. Default true; false completes the Observable instead. */
  reconnectOnEnd?: boolean;
  /** Abort an attempt whose response headers take longer than this (then retry). Default: no limit. */
  connectTimeoutMs?: number;
  /** Treat a connection as dropped when nothing (event or comment) arrives for this long. Default: no limit. */
  idleTimeoutMs?: number;
  /** Largest event (or partial line) the parser may buffer, in characters; beyond it the connection is dropped. Default 1 MiB. */
  maxEventSize?: number;
  onStateChange?: (state: SseConnectionState) => void;
  /** Comment lines (`: keep-alive`), useful as a liveness signal. They never reach subscribers. */
  onComment?: (comment: string) => void;
  onReconnect?: (info: SseReconnectInfo) => void;
  /** The fetch to use; defaults to the global one at subscription time. */
  fetch?: typeof fetch;
  /** Source of randomness for jitter (tests pin it). Default Math.random. */
  random?: () => number;
}
