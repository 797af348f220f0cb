import { Observable, type OperatorFunction } from 'rxjs';
import type { SseEvent } from './sse-types';

/** An event whose data was not JSON, or not the expected shape. It is skipped, never fatal. */
export interface MalformedSseEvent {
  event: SseEvent;
  /** The JSON SyntaxError, or undefined when the JSON parsed but failed the guard. */
  error?: unknown;
}

export interface JsonEventsOptions {
  /** Event names to keep (e.g. `['metric']`); others are dropped silently. Default: all. */
  events?: readonly string[];
  /** Called once per skipped event, so callers can count or log them. */
  onMalformed?: (malformed: MalformedSseEvent) => void;
}

export interface TypedJsonEventsOptions<T> extends JsonEventsOptions {
  /** Checks the parsed value; a value that fails it is reported as malformed and skipped. */
  guard: (value: unknown) => value is T;
}

/**
 * Parses each event's data as JSON. A malformed event is reported through `onMalformed`
 * and skipped, so one bad line never ends a stream. Events with empty data are keep-alives
 * (the Hub's log streams send them) and are skipped without being reported.
 */
export function jsonEvents<T>(options: TypedJsonEventsOptions<T>): OperatorFunction<SseEvent, T>;
export function jsonEvents(options?: JsonEventsOptions): OperatorFunction<SseEvent, unknown>;
export function jsonEvents<T>(
  options: JsonEventsOptions & { guard?: (value: unknown) => value is T } = {},
): OperatorFunction<SseEvent, unknown> {
  const names = options.events === undefined ? undefined : new Set(options.events);
  return (source) =>
    new Observable<unknown>((subscriber) =>
      source.subscribe({
        next: (event) => {
          if (names !== undefined && !names.has(event.event)) return;
          if (event.data.trim() === '') return;
          let value: unknown;
          try {
            value = JSON.parse(event.data);
          } catch (error) {
            options.onMalformed?.({ event, error });
            return;
          }
          if (options.guard !== undefined && !options.guard(value)) {
            options.onMalformed?.({ event });
            return;
          }
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
