import type { Logger } from '@nestjs/common';
import { SseHttpError, SseNetworkError, sseStream, type SseConnectionState, type SseEvent } from '@hfd/sse-client';
import { catchError, throwError, type Observable } from 'rxjs';
import { HubUnavailableError } from './hf-client.errors';
import type { HfClientOptions } from './hf-client.options';
import { hubErrorFromResponse, type ErrorContext } from './hub-error-mapping';
import type { HubRequester } from './hub-request';
import { rateLimitWaitMs } from './rate-limit-header';

export interface HubStreamCall extends ErrorContext {
  url: string;
  /** False for streams whose end means "done" (build logs); true for those that should never end. */
  reconnectOnEnd: boolean;
  idleTimeoutMs?: number;
  /** Called before every connection attempt, the first included. */
  onConnecting?: () => void;
  onStateChange?: (state: SseConnectionState) => void;
}

/**
 * A Hub SSE stream: cold, reconnecting with backoff, closed on unsubscribe. Each attempt
 * waits out a spent rate-limit window first, is counted in `requests$`, and sends the
 * token only as a header. Final failures become HubErrors, like those of plain requests.
 */
export function openHubStream(
  call: HubStreamCall,
  requester: HubRequester,
  options: HfClientOptions,
  logger: Logger,
): Observable<SseEvent> {
  const label = call.subject ? `${call.route} (${call.subject})` : call.route;
  return sseStream(
    async ({ signal }) => {
      await requester.waitForGate(call.token, signal);
      call.onConnecting?.();
      const headers: Record<string, string> = {};
      if (call.token) headers['authorization'] = `Bearer ${call.token}`;
      return { url: call.url, init: { headers } };
    },
    {
      initialDelayMs: options.streams.initialDelayMs,
      maxDelayMs: options.streams.maxDelayMs,
      random: options.random,
      connectTimeoutMs: options.timeoutMs,
      idleTimeoutMs: call.idleTimeoutMs,
      reconnectOnEnd: call.reconnectOnEnd,
      retryAfterMs: (response) => rateLimitWaitMs(response.headers),
      fetch: requester.streamFetch(call.route, call.token),
      onStateChange: call.onStateChange,
      onReconnect: (info) => {
        const why = info.status !== undefined ? `HTTP ${info.status}` : info.error instanceof Error ? info.error.message : 'stream ended';
        logger.warn(`Hub ${label}: ${why}; reconnecting in ${info.delayMs} ms`);
      },
    },
  ).pipe(catchError((error: unknown) => throwError(() => toHubError(error, call, label))));
}

function toHubError(error: unknown, call: HubStreamCall, label: string): unknown {
  if (error instanceof SseHttpError) {
    if (error.reason === 'content-type') {
      return new HubUnavailableError(
        `Hub ${label} answered ${error.status} without an event stream`,
        { status: error.status, requestId: error.headers.get('x-request-id') ?? undefined },
        'server',
      );
    }
    return hubErrorFromResponse(error.status, error.headers, error.body, call, rateLimitWaitMs(error.headers) ?? 0);
  }
  if (error instanceof SseNetworkError) {
    return new HubUnavailableError(`Hub ${label}: ${error.message}`, { status: null }, 'network', { cause: error });
  }
  return error;
}
