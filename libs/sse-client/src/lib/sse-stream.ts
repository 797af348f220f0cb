import { createParser } from 'eventsource-parser';
import { Observable, type Subscriber } from 'rxjs';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type BackoffPolicy } from './backoff';
import { MAX_ERROR_BODY_CHARS, SseHttpError, SseNetworkError } from './sse-errors';
import type {
  SseConnectionState,
  SseEvent,
  SseRequest,
  SseRequestFactory,
  SseStreamOptions,
} from './sse-types';

const DEFAULT_INITIAL_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 30_000;
const DEFAULT_JITTER = 0.5;
const DEFAULT_MAX_EVENT_SIZE = 1024 * 1024;

/**
 * Server-Sent Events over `fetch`, as a cold Observable: each subscription opens its own
 * connection, and unsubscribing aborts it (which closes the socket).
 *
 * Unlike the browser's EventSource it can send any header (an `Authorization: Bearer`
 * in particular), tells retryable failures from final ones, and backs off exponentially.
 *
 * - Network errors, retryable statuses (see `isRetryableStatus`) and a clean end of stream
 *   reconnect after a backoff delay. The delay resets once a connection opens; the server's
 *   `retry:` field replaces the initial delay, and `Retry-After` sets a floor.
 * - Any other status errors the Observable with an `SseHttpError` carrying it, at once.
 * - 204 No Content completes the Observable: the SSE way for a server to say "stop".
 * - Comments (heartbeats) never reach subscribers; pass `onComment` to see them.
 * - Nothing is queued: events are handed to the subscriber as the parser produces them, and
 *   the parser's buffer is capped by `maxEventSize`.
 */
export function sseStream(request: SseRequestFactory, options: SseStreamOptions = {}): Observable<SseEvent> {
  return new Observable<SseEvent>((subscriber) => {
    const session = new SseSession(request, options, subscriber);
    session.start();
    return () => session.stop();
  });
}

type AttemptOutcome =
  | { kind: 'ended' }
  | { kind: 'no-content' }
  | { kind: 'retry'; error: unknown; status?: number; retryAfterMs?: number }
  | { kind: 'fatal'; error: unknown };

/** The state of one subscription: its connection loop, timers and what the server told it. */
class SseSession {
  private readonly stopper = new AbortController();
  private readonly backoff: BackoffPolicy;
  private state: SseConnectionState | undefined;
  private attemptCount = 0;
  private failures = 0;
  private lastEventId: string | undefined;
  private serverRetryMs: number | undefined;
  private sleepTimer: ReturnType<typeof setTimeout> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly request: SseRequestFactory,
    private readonly options: SseStreamOptions,
    private readonly subscriber: Subscriber<SseEvent>,
  ) {
    this.backoff = {
      initialDelayMs: options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
      jitter: options.jitter ?? DEFAULT_JITTER,
      random: options.random ?? Math.random,
    };
  }

  start(): void {
    this.run().catch((error: unknown) => this.fail(error));
  }

  stop(): void {
    if (this.stopped) return;
    this.stopper.abort();
    if (this.sleepTimer !== undefined) clearTimeout(this.sleepTimer);
    this.wakeUp?.();
    this.setState('closed');
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    this.setState('connecting');
    while (!this.stopped) {
      const outcome = await this.attempt();
      if (this.stopped) return;
      let delayMs: number;
      switch (outcome.kind) {
        case 'no-content':
          this.finish();
          return;
        case 'fatal':
          this.fail(outcome.error);
          return;
        case 'ended':
          if (this.options.reconnectOnEnd === false) {
            this.finish();
            return;
          }
          delayMs = backoffDelay(1, this.policy());
          break;
        case 'retry':
          this.failures += 1;
          if (this.failures >= (this.options.maxAttempts ?? Infinity)) {
            this.fail(finalError(outcome.error));
            return;
          }
          delayMs = Math.max(backoffDelay(this.failures, this.policy()), outcome.retryAfterMs ?? 0);
          break;
      }
      this.setState('reconnecting');
      this.options.onReconnect?.({
        failures: this.failures,
        delayMs,
        status: outcome.kind === 'retry' ? outcome.status : undefined,
        error: outcome.kind === 'retry' ? outcome.error : undefined,
      });
      await this.sleep(delayMs);
    }
  }

  /** The server's `retry:` replaces our initial delay, and may exceed our ceiling: it knows its load. */
  private policy(): BackoffPolicy {
    if (this.serverRetryMs === undefined) return this.backoff;
    return {
      ...this.backoff,
      initialDelayMs: this.serverRetryMs,
      maxDelayMs: Math.max(this.backoff.maxDelayMs, this.serverRetryMs),
    };
  }

  /** One connection, from building the request to the end of its body. */
  private async attempt(): Promise<AttemptOutcome> {
    let request: SseRequest;
    try {
      request = await this.request({
        attempt: this.attemptCount++,
        lastEventId: this.lastEventId,
        signal: this.stopper.signal,
      });
    } catch (error) {
      // The factory decides what cannot be retried (say, a rate limit that lasts too long).
      return { kind: 'fatal', error };
    }
    if (this.stopped) return { kind: 'ended' };

    const callerSignal = request.init?.signal ?? undefined;
    const connection = new AbortController();
    const abortConnection = (): void => connection.abort();
    this.stopper.signal.addEventListener('abort', abortConnection);
    callerSignal?.addEventListener('abort', abortConnection);
    const connectTimer =
      this.options.connectTimeoutMs === undefined
        ? undefined
        : setTimeout(() => connection.abort(timeoutReason('No response')), this.options.connectTimeoutMs);
    try {
      const outcome = await this.connect(request, connection, connectTimer);
      // A caller aborting its own signal means "stop", not "retry".
      if (callerSignal?.aborted && outcome.kind === 'retry') return { kind: 'fatal', error: callerSignal.reason };
      return outcome;
    } finally {
      clearTimeout(connectTimer);
      connection.abort();
      this.stopper.signal.removeEventListener('abort', abortConnection);
      callerSignal?.removeEventListener('abort', abortConnection);
    }
  }

  private async connect(
    request: SseRequest,
    connection: AbortController,
    connectTimer: ReturnType<typeof setTimeout> | undefined,
  ): Promise<AttemptOutcome> {
    const headers = new Headers(request.init?.headers);
    if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
    if (this.lastEventId !== undefined) headers.set('last-event-id', this.lastEventId);

    let response: Response;
    try {
      const fetchImpl = this.options.fetch ?? fetch;
      response = await fetchImpl(request.url, { ...request.init, headers, signal: connection.signal });
    } catch (error) {
      return { kind: 'retry', error };
    }

    if (response.status === 204) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'no-content' };
    }
    if (!response.ok) {
      let body: string;
      try {
        body = await readBoundedText(response, MAX_ERROR_BODY_CHARS);
      } catch (error) {
        return { kind: 'retry', error };
      }
      const error = new SseHttpError(response.status, response.statusText, response.headers, body);
      const retryable = (this.options.isRetryableStatus ?? isRetryableStatus)(response.status);
      if (!retryable) return { kind: 'fatal', error };
      const retryAfterMs = (this.options.retryAfterMs ?? defaultRetryAfter)(response);
      return { kind: 'retry', error, status: response.status, retryAfterMs };
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('text/event-stream') || response.body === null) {
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'fatal',
        error: new SseHttpError(response.status, response.statusText, response.headers, '', 'content-type'),
      };
    }

    clearTimeout(connectTimer);
    this.failures = 0;
    this.setState('open');
    return this.read(response.body, connection);
  }

  /** Feeds the body to the parser until it ends, breaks, idles out or overflows. */
  private async read(body: ReadableStream<Uint8Array>, connection: AbortController): Promise<AttemptOutcome> {
    let overflow = false;
    const parser = createParser({
      maxBufferSize: this.options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE,
      onEvent: (message) => {
        if (this.stopped) return;
        if (message.id !== undefined) this.lastEventId = message.id;
        const event: SseEvent = { event: message.event ?? 'message', data: message.data };
        if (message.id !== undefined) event.id = message.id;
        this.subscriber.next(event);
      },
      onRetry: (retryMs) => {
        this.serverRetryMs = retryMs;
      },
      onComment: (comment) => this.options.onComment?.(comment),
      onError: (error) => {
        // Unknown fields and bad `retry:` values are ignored, as the SSE spec says; only an overflow ends the connection.
        if (error.type === 'max-buffer-size-exceeded') overflow = true;
      },
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const idleTimeoutMs = this.options.idleTimeoutMs;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let idledOut = false;
    try {
      for (;;) {
        if (idleTimeoutMs !== undefined) {
          clearTimeout(idleTimer);
          idleTimer = setTimeout(() => {
            idledOut = true;
            connection.abort(timeoutReason('No data'));
          }, idleTimeoutMs);
        }
        const { done, value } = await reader.read();
        if (done) {
          parser.feed(decoder.decode());
          return { kind: 'ended' };
        }
        parser.feed(decoder.decode(value, { stream: true }));
        if (overflow) {
          return { kind: 'retry', error: new SseNetworkError('An SSE event exceeded the maximum event size') };
        }
        if (this.stopped) return { kind: 'ended' };
      }
    } catch (error) {
      if (idledOut) return { kind: 'retry', error: new SseNetworkError(`No data for ${idleTimeoutMs} ms`) };
      return { kind: 'retry', error };
    } finally {
      clearTimeout(idleTimer);
      reader.cancel().catch(() => undefined);
    }
  }

  private sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      this.wakeUp = resolve;
      this.sleepTimer = setTimeout(() => {
        this.sleepTimer = undefined;
        this.wakeUp = undefined;
        resolve();
      }, delayMs);
    });
  }

  private setState(state: SseConnectionState): void {
    if (this.state === state || this.state === 'closed') return;
    this.state = state;
    this.options.onStateChange?.(state);
  }

  private finish(): void {
    this.setState('closed');
    this.subscriber.complete();
  }

  private fail(error: unknown): void {
    this.setState('closed');
    this.subscriber.error(error);
  }
}

/**
 * Our own timeouts abort with a `TimeoutError`, as `AbortSignal.timeout()` does, so a custom
 * `fetch` can tell them from an unsubscription (a plain `AbortError`).
 */
function timeoutReason(what: string): DOMException {
  return new DOMException(`${what} in time`, 'TimeoutError');
}

function defaultRetryAfter(response: Response): number | undefined {
  return parseRetryAfter(response.headers.get('retry-after'));
}

/** The error to give up with: an HTTP error as it is, anything else as a network error. */
function finalError(error: unknown): unknown {
  if (error instanceof SseHttpError || error instanceof SseNetworkError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new SseNetworkError(`SSE connection failed: ${detail}`, { cause: error });
}

/** The start of a body, without ever holding more than `maxChars` of it. */
async function readBoundedText(response: Response, maxChars: number): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < maxChars) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
    return text.slice(0, maxChars);
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
