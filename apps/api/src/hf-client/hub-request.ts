import type { Logger } from '@nestjs/common';
import { backoffDelay, type BackoffPolicy } from '@hfd/sse-client';
import { HubRateLimitedError, HubUnavailableError } from './hf-client.errors';
import type { HfClientOptions } from './hf-client.options';
import { identityKey } from './hub-identity';
import { InFlightReads } from './in-flight-reads';
import { hubErrorFromFailure, hubErrorFromResponse, isRetryableHubError, type ErrorContext } from './hub-error-mapping';
import { parseRateLimit } from './rate-limit-header';
import type { RateLimitGate } from './rate-limit-gate';

/** One Hub request, as the observability hook reports it. Never carries a token or a URL. */
export interface HubRequestEvent {
  /** `<METHOD> <route template>`, e.g. `GET /api/spaces/{owner}/{name}/runtime`. */
  route: string;
  /** The HTTP status, or `error` when no response came (network failure, timeout). */
  status: number | 'error';
  /** Until the body was read (for streams: until the headers arrived). */
  durationMs: number;
  /** `r` of the `RateLimit` header, when the Hub sent one. */
  rateLimitRemaining?: number;
}

export interface HubCall extends ErrorContext {
  url: string;
  /** A separate rate-limit window: whoami-v2 is limited apart from the rest of the API (docs/hub-api.md §10). */
  rateLimitScope?: string;
  /** Sent as JSON. */
  jsonBody?: unknown;
  signal?: AbortSignal;
  /**
   * The longest a read may sleep for a rate-limit window to reset before retrying; past it,
   * it fails at once with HubRateLimitedError. Default: whatever fits in the retry budget.
   */
  maxRateLimitWaitMs?: number;
}

export interface HubReply {
  json: unknown;
  headers: Headers;
}

/** Everything one request needs from its surroundings. */
export interface HubRequestHooks {
  report: (event: HubRequestEvent) => void;
  logger: Logger;
  /** Aborted when the application stops: no request or retry wait outlives it. */
  lifetime: AbortSignal;
}

/**
 * Sends one logical request to the Hub: authorisation, timeout, rate-limit gate, and for
 * reads (GET) retries with backoff. Mutations are sent once: a restart that timed out may
 * well have happened, and a second one would restart the Space again. Identical reads of
 * one identity in flight together are sent once and shared (see InFlightReads).
 */
export class HubRequester {
  private readonly backoff: BackoffPolicy;
  private readonly reads = new InFlightReads<HubReply>();

  constructor(
    private readonly options: HfClientOptions,
    private readonly gate: RateLimitGate,
    private readonly hooks: HubRequestHooks,
  ) {
    this.backoff = {
      initialDelayMs: options.retry.initialDelayMs,
      maxDelayMs: options.retry.maxDelayMs,
      jitter: 0.5,
      random: options.random,
    };
  }

  send(request: HubCall): Promise<HubReply> {
    const lifetime = this.hooks.lifetime;
    const call = { ...request, signal: request.signal ? AbortSignal.any([request.signal, lifetime]) : lifetime };
    if (call.method !== 'GET') return this.sendWithRetries(call);
    return this.reads.run(readKey(call), call.signal, (signal) => this.sendWithRetries({ ...call, signal }));
  }

  private async sendWithRetries(call: HubCall): Promise<HubReply> {
    const retries = call.method === 'GET';
    const deadline = Date.now() + this.options.retry.budgetMs;
    const key = gateKey(call.token, call.rateLimitScope);
    for (let attempt = 1; ; attempt += 1) {
      // A new call never waits for a spent window: it fails at once. A retry already
      // waited for the reset, and only sleeps off the last few milliseconds of it.
      await this.passGate(call, key, attempt > 1 ? deadline : Date.now());
      try {
        return await this.attempt(call, key, attempt);
      } catch (error) {
        if (!retries || !isRetryableHubError(error) || attempt >= this.options.retry.maxAttempts) throw error;
        const rateLimited = error instanceof HubRateLimitedError;
        const waitMs = rateLimited ? error.retryAfterMs : backoffDelay(attempt, this.backoff);
        if (Date.now() + waitMs > deadline) throw error;
        if (rateLimited && waitMs > (call.maxRateLimitWaitMs ?? Infinity)) throw error;
        this.hooks.logger.warn(`${(error as Error).message}; attempt ${attempt + 1} of ${this.options.retry.maxAttempts} in ${waitMs} ms`);
        await this.sleep(waitMs, call.signal);
      }
    }
  }

  /**
   * A `fetch` for the SSE client that reports and learns from each connection attempt
   * like any other request, so streams count in `requests$` and respect rate limits.
   */
  streamFetch(route: string, token: string | null): typeof fetch {
    const key = gateKey(token);
    return async (input, init) => {
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(input, init);
      } catch (error) {
        // An unsubscription aborts with an AbortError and is nobody's failure; a timeout is one.
        const unsubscribed = init?.signal?.aborted === true && (init.signal.reason as { name?: unknown } | undefined)?.name !== 'TimeoutError';
        if (!unsubscribed) this.record(route, 'error', started);
        throw error;
      }
      this.record(route, response.status, started, response.headers);
      this.gate.observe(key, response.status, response.headers, this.options.streams.initialDelayMs);
      return response;
    };
  }

  /** For streams: resolves once this identity may connect again (streams wait; they reconnect anyway). */
  async waitForGate(token: string | null, signal: AbortSignal): Promise<void> {
    const remaining = this.gate.remainingMs(gateKey(token));
    if (remaining > 0) await this.sleep(remaining, signal);
  }

  private async passGate(call: HubCall, key: string, deadline: number): Promise<void> {
    const remaining = this.gate.remainingMs(key);
    if (remaining === 0) return;
    if (Date.now() + remaining > deadline) {
      throw new HubRateLimitedError(
        `Hub ${call.route} not sent: the rate limit for this identity resets in ${Math.ceil(remaining / 1000)} s`,
        { status: 429 },
        remaining,
      );
    }
    await this.sleep(remaining, call.signal);
  }

  private async attempt(call: HubCall, key: string, attempt: number): Promise<HubReply> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const started = performance.now();
    let response: Response;
    let body: string;
    try {
      response = await fetch(call.url, { method: call.method, headers: requestHeaders(call), body: jsonBody(call), signal });
      body = await response.text();
    } catch (error) {
      // The caller gave up: not the Hub's failure, and not ours to retry.
      if (call.signal?.aborted) throw call.signal.reason;
      this.record(call.route, 'error', started);
      throw hubErrorFromFailure(timeout.aborted ? 'timeout' : 'network', call, this.options.timeoutMs, error);
    }
    this.record(call.route, response.status, started, response.headers);
    const waitMs = this.gate.observe(key, response.status, response.headers, backoffDelay(attempt, this.backoff));
    if (!response.ok) throw hubErrorFromResponse(response.status, response.headers, body, call, waitMs ?? 0);
    try {
      return { json: JSON.parse(body) as unknown, headers: response.headers };
    } catch (error) {
      throw new HubUnavailableError(
        `Hub ${call.route} answered ${response.status} with a body that is not JSON`,
        { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined },
        'server',
        { cause: error },
      );
    }
  }

  private record(route: string, status: number | 'error', started: number, headers?: Headers): void {
    const durationMs = Math.round(performance.now() - started);
    const remaining = parseRateLimit(headers?.get('ratelimit') ?? null)?.remaining;
    const event: HubRequestEvent = { route, status, durationMs };
    if (remaining !== undefined) event.rateLimitRemaining = remaining;
    this.hooks.report(event);
    this.hooks.logger.debug(`${route} → ${status} in ${durationMs} ms`);
  }

  /** On the global timers (which a test's fake clock drives); an abort ends it with the signal's reason. */
  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const stop = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', stop);
        resolve();
      }, ms);
      signal?.addEventListener('abort', stop, { once: true });
    });
  }
}

function gateKey(token: string | null, scope = 'api'): string {
  return `${identityKey(token)}|${scope}`;
}

/** Reads are shared only when everything that shapes their answer and their waiting is the same. */
function readKey(call: HubCall): string {
  return `${gateKey(call.token, call.rateLimitScope)} ${call.maxRateLimitWaitMs ?? 'budget'} ${call.url}`;
}

function requestHeaders(call: HubCall): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (call.token) headers.set('authorization', `Bearer ${call.token}`);
  if (call.jsonBody !== undefined) headers.set('content-type', 'application/json');
  return headers;
}

function jsonBody(call: HubCall): string | undefined {
  return call.jsonBody === undefined ? undefined : JSON.stringify(call.jsonBody);
}
