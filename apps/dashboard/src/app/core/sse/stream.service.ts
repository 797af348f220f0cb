import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { API_ROUTES, AUTH_HEADER, STREAM_EVENT, STREAM_HEARTBEAT_SECONDS } from '@hfd/contracts';
import { jsonEvents, sseStream, SseHttpError, type SseConnectionState, type SseEvent } from '@hfd/sse-client';
import {
  EMPTY,
  Observable,
  catchError,
  combineLatest,
  fromEvent,
  map,
  merge,
  mergeMap,
  share,
  startWith,
  switchMap,
  tap,
  timer,
} from 'rxjs';
import { SessionStore } from '../auth/session.store';
import { isInventory, isInventoryChange, isMetricSample, isSpaceStatusEvent } from './stream-events';

/** What the header shows: the stream is live, is being re-established, or cannot be reached. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** After this many failed attempts in a row, "reconnecting" becomes "offline" (still retrying). */
const OFFLINE_AFTER_FAILURES = 3;
/** Missing two heartbeats means the connection is dead even if the socket looks open. */
const IDLE_TIMEOUT_MS = STREAM_HEARTBEAT_SECONDS * 2 * 1000 + 5000;
/** A refused stream (a 4xx other than 401) is tried again after this, in case the server was mid-deploy. */
const FATAL_RETRY_MS = 30_000;

/**
 * The one live connection to `GET /api/v1/stream`, shared by every consumer and open only
 * while someone listens. It sends the session token in the Authorization header (never in
 * the URL) and reconnects when the session changes, since that changes what may be seen.
 */
@Injectable({ providedIn: 'root' })
export class StreamService {
  private readonly session = inject(SessionStore);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly state = signal<ConnectionState>('connecting');

  readonly connection = this.state.asReadonly();

  private readonly raw$: Observable<SseEvent> = combineLatest([
    toObservable(this.session.token),
    this.browserOnline$(),
  ]).pipe(
    switchMap(([token, online]) => {
      if (!online) {
        this.state.set('offline');
        return EMPTY;
      }
      return this.connect(token);
    }),
    share(),
  );

  /** The whole inventory, first on every connection. */
  readonly inventory$ = this.raw$.pipe(jsonEvents({ events: [STREAM_EVENT.inventory], guard: isInventory }));
  /** Then only what changed in it. */
  readonly inventoryChange$ = this.raw$.pipe(jsonEvents({ events: [STREAM_EVENT.inventoryChange], guard: isInventoryChange }));
  /** Each sample on its own: a `metric` event carries the samples that arrived together. */
  readonly metric$ = this.raw$.pipe(
    jsonEvents({ events: [STREAM_EVENT.metric] }),
    mergeMap((batch) => (Array.isArray(batch) ? batch.filter(isMetricSample) : [])),
  );
  readonly status$ = this.raw$.pipe(jsonEvents({ events: [STREAM_EVENT.status], guard: isSpaceStatusEvent }));

  private connect(token: string | null): Observable<SseEvent> {
    const headers: Record<string, string> = token ? { [AUTH_HEADER]: `Bearer ${token}` } : {};
    const stream$ = sseStream(() => ({ url: API_ROUTES.stream, init: { headers, cache: 'no-store' } }), {
      idleTimeoutMs: IDLE_TIMEOUT_MS,
      connectTimeoutMs: 15_000,
      maxDelayMs: 30_000,
      onStateChange: (state) => this.onStateChange(state),
      onReconnect: ({ failures }) => this.state.set(failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting'),
    });
    return stream$.pipe(
      // The server's last word before it closes the stream: the page goes on as a visitor, told why.
      tap((event) => {
        if (event.event === STREAM_EVENT.sessionEnded && token !== null && this.session.token() === token) this.session.ended();
      }),
      catchError((error: unknown) => {
        this.state.set('offline');
        if (error instanceof SseHttpError && error.status === 401 && token !== null) {
          // The session ended on the server; dropping it reconnects anonymously through the token signal.
          this.session.expire();
          return EMPTY;
        }
        return timer(FATAL_RETRY_MS).pipe(switchMap(() => this.connect(token)));
      }),
    );
  }

  private onStateChange(state: SseConnectionState): void {
    if (state === 'open') this.state.set('live');
    else if (state === 'connecting') this.state.set('connecting');
  }

  /** Coming back online reconnects at once instead of waiting out the backoff. */
  private browserOnline$(): Observable<boolean> {
    const win = this.window;
    if (!win) return new Observable<boolean>((subscriber) => subscriber.next(true));
    return merge(fromEvent(win, 'online'), fromEvent(win, 'offline')).pipe(
      map(() => win.navigator.onLine),
      startWith(win.navigator.onLine),
    );
  }
}
