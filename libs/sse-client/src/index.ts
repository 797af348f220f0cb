export { sseStream } from './lib/sse-stream';
export { jsonEvents } from './lib/json-events';
export type { JsonEventsOptions, MalformedSseEvent, TypedJsonEventsOptions } from './lib/json-events';
export { SseError, SseHttpError, SseNetworkError, MAX_ERROR_BODY_CHARS } from './lib/sse-errors';
export { backoffDelay, isRetryableStatus, parseRetryAfter } from './lib/backoff';
export type { BackoffPolicy } from './lib/backoff';
export type {
  SseConnectionState,
  SseEvent,
  SseReconnectInfo,
  SseRequest,
  SseRequestContext,
  SseRequestFactory,
  SseStreamOptions,
} from './lib/sse-types';
