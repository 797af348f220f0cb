import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { jsonEvents, type SseConnectionState } from '@hfd/sse-client';
import { Subject, defer, filter, map, mergeMap, type Observable } from 'rxjs';
import type { HubLogKind, HubLogLine, HubMetricEvent, HubRuntime, HubSpace, HubWhoAmI } from './hf-api.types';
import { parseHubLogLine, parseHubMetricEvent, parseHubRuntime, parseHubSpace, parseHubWhoAmI } from './hf-api.parse';
import { HubUnauthorizedError, HubUnavailableError } from './hf-client.errors';
import { HF_CLIENT_OPTIONS, type HfClientOptions } from './hf-client.options';
import { identityKey } from './hub-identity';
import { HubRequester, type HubCall, type HubRequestEvent } from './hub-request';
import { openHubStream, type HubStreamCall } from './hub-stream';
import { buildUrl, followLink, parseSpaceId, spacePath, type SpaceRef } from './hub-url';
import { parseNextLink } from './link-header';
import { LogReplayFilter } from './log-replay-filter';
import { RateLimitGate } from './rate-limit-gate';
import { SharedCache } from './shared-cache';

/**
 * Every field the dashboard shows, a Space's detail included, asked for explicitly: with
 * `expand`, the list returns nothing else (docs/hub-api.md §1.2). With the detail fields in the
 * inventory, a visitor's detail is answered without a Hub request of its own.
 */
export const LIST_EXPAND = [
  'author',
  'cardData',
  'createdAt',
  'datasets',
  'lastModified',
  'likes',
  'models',
  'private',
  'runtime',
  'sdk',
  'sha',
  'subdomain',
  'tags',
] as const;

/** The most of an app's answer read for a probe's keyword. */
const APP_BODY_LIMIT = 64 * 1024;

/** What a Space's app answered; `status` null with `error` when it did not answer. */
export interface AppVisit {
  status: number | null;
  latencyMs: number | null;
  body: string;
  error: 'timeout' | 'unreachable' | null;
}

async function readCapped(response: Response, limit: number): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** Tokens whose whoami answer is kept at once; more than any deployment configures. */
const WHOAMI_CACHE_ENTRIES = 256;

export interface HubCallOptions {
  /** Aborts the request (and its retries) when the caller no longer needs it. */
  signal?: AbortSignal;
  /**
   * Reads only: the longest to sleep for a rate-limit window before retrying; past it, the
   * read fails at once with HubRateLimitedError (its `retryAt` says when to come back).
   * 0 for someone waiting for an answer; default: whatever fits in the retry budget.
   */
  maxRateLimitWaitMs?: number;
}

export interface HubStreamOptions {
  /** Connection state of the upstream stream, e.g. to show "reconnecting". */
  onStateChange?: (state: SseConnectionState) => void;
}

/** A stream event that was skipped because it was not what the route sends. */
export interface MalformedHubEvent {
  /** Route template of the stream, e.g. `GET /v1/{owner}/{name}/live-metrics/sse`. */
  route: string;
}

/**
 * The only code that talks to the Hugging Face Hub. Everything the Hub can do to a client
 * (pages, rate limits, 5xx, dropped streams, odd fields) is handled here, once; callers get
 * parsed values or a HubError. `token` is always `string | null`; null means anonymous.
 */
@Injectable()
export class HfClientService implements OnModuleDestroy {
  private readonly logger = new Logger('HfClient');
  private readonly requestEvents = new Subject<HubRequestEvent>();
  private readonly malformed = new Subject<MalformedHubEvent>();
  private readonly requester: HubRequester;
  private readonly whoamiCache: SharedCache<HubWhoAmI>;
  private readonly lifetime = new AbortController();

  /** One event per Hub request (and per stream connection attempt), for metrics. */
  readonly requests$: Observable<HubRequestEvent> = this.requestEvents.asObservable();
  /** One event per skipped stream event. */
  readonly malformedEvents$: Observable<MalformedHubEvent> = this.malformed.asObservable();

  constructor(@Inject(HF_CLIENT_OPTIONS) private readonly options: HfClientOptions) {
    this.requester = new HubRequester(options, new RateLimitGate(), {
      report: (event) => this.requestEvents.next(event),
      logger: this.logger,
      lifetime: this.lifetime.signal,
    });
    this.whoamiCache = new SharedCache(options.whoamiCacheTtlMs, WHOAMI_CACHE_ENTRIES);
  }

  onModuleDestroy(): void {
    this.lifetime.abort(new Error('The application is stopping'));
    this.requestEvents.complete();
    this.malformed.complete();
  }

  /**
   * GET /api/whoami-v2. Answers are kept per token for `whoamiCacheTtlMs`, and concurrent
   * calls share one request: the endpoint is strictly rate-limited. Without a token there is
   * nobody to ask about, so it fails without a request.
   */
  whoami(token: string | null): Promise<HubWhoAmI> {
    if (!token) {
      return Promise.reject(new HubUnauthorizedError('Hub whoami needs a token', { status: null }));
    }
    const route = 'GET /api/whoami-v2';
    return this.whoamiCache.get(identityKey(token), async () => {
      const reply = await this.requester.send({
        method: 'GET',
        route,
        url: buildUrl(this.options.hubEndpoint, '/api/whoami-v2'),
        token,
        spaceScoped: false,
        rateLimitScope: 'whoami',
      });
      return this.parsed(parseHubWhoAmI(reply.json), route);
    });
  }

  /**
   * Every Space of `author`, runtime included: one request per page of `listPageSize`,
   * following `Link: rel="next"` up to `maxListPages` pages. Never one request per Space.
   */
  async listSpaces(author: string, token: string | null, options: HubCallOptions = {}): Promise<HubSpace[]> {
    const route = 'GET /api/spaces';
    let url = buildUrl(this.options.hubEndpoint, '/api/spaces', {
      author,
      limit: this.options.listPageSize,
      expand: LIST_EXPAND,
    });
    const visited = new Set<string>();
    const spaces: HubSpace[] = [];
    for (let page = 1; ; page += 1) {
      visited.add(url);
      const reply = await this.requester.send({ ...this.read(route, token, options), url, subject: author, spaceScoped: false });
      if (!Array.isArray(reply.json)) throw this.unexpected(route, 'a JSON array');
      const items: unknown[] = reply.json;
      const parsed = items.map(parseHubSpace).filter((space): space is HubSpace => space !== undefined);
      if (parsed.length < items.length) this.logger.warn(`${route} (${author}): skipped ${items.length - parsed.length} item(s) without an id`);
      spaces.push(...parsed);

      const next = parseNextLink(reply.headers.get('link'));
      if (next === undefined) return spaces;
      const nextUrl = followLink(this.options.hubEndpoint, url, next);
      if (visited.has(nextUrl) || page >= this.options.maxListPages) {
        this.logger.warn(`${route} (${author}): stopped after ${page} page(s) (${visited.has(nextUrl) ? 'the next link repeats' : 'page cap'})`);
        return spaces;
      }
      url = nextUrl;
    }
  }

  /** GET /api/spaces/{owner}/{name}: the default field set, runtime included. */
  async spaceInfo(id: string, token: string | null, options: HubCallOptions = {}): Promise<HubSpace> {
    const route = 'GET /api/spaces/{owner}/{name}';
    const reply = await this.requester.send({ ...this.read(route, token, options), ...this.spaceCall(id) });
    return this.parsed(parseHubSpace(reply.json), route);
  }

  /** GET /api/spaces/{owner}/{name}/runtime. */
  async runtime(id: string, token: string | null, options: HubCallOptions = {}): Promise<HubRuntime> {
    const route = 'GET /api/spaces/{owner}/{name}/runtime';
    const reply = await this.requester.send({ ...this.read(route, token, options), ...this.spaceCall(id, 'runtime') });
    return this.parsed(parseHubRuntime(reply.json), route);
  }

  /** POST …/restart, or a factory rebuild (no build cache) with `factory: true`. Answers with the new runtime. */
  restart(id: string, token: string | null, options: HubCallOptions & { factory?: boolean } = {}): Promise<HubRuntime> {
    return this.mutate('POST /api/spaces/{owner}/{name}/restart', id, token, options, 'restart', undefined, {
      factory: options.factory ? 'true' : undefined,
    });
  }

  /** POST …/pause. Only a restart brings the Space back. */
  pause(id: string, token: string | null, options: HubCallOptions = {}): Promise<HubRuntime> {
    return this.mutate('POST /api/spaces/{owner}/{name}/pause', id, token, options, 'pause');
  }

  /** POST …/sleeptime `{seconds}`; -1 means never sleep (upgraded hardware only). */
  setSleepTime(id: string, token: string | null, seconds: number, options: HubCallOptions = {}): Promise<HubRuntime> {
    return this.mutate('POST /api/spaces/{owner}/{name}/sleeptime', id, token, options, 'sleeptime', { seconds });
  }

  /**
   * GET of a Space's app (`SPACE_URL_TEMPLATE`), for keep-alive visits and probes: outside the
   * Hub's API, so no retries or rate-limit gate; redirects are not followed (a login page is an
   * answer, not the app). A visit to a sleeping Space wakes it (docs/hub-api.md §14.1). The token
   * goes only to a private Space's app, which needs it; the body is read up to 64 KiB.
   */
  async visitApp(url: string, token: string | null, timeoutMs: number): Promise<AppVisit> {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        headers: token === null ? {} : { Authorization: `Bearer ${token}` },
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.lifetime.signal]),
      });
      const body = await readCapped(response, APP_BODY_LIMIT);
      return { status: response.status, latencyMs: Math.round(performance.now() - started), body, error: null };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { status: null, latencyMs: null, body: '', error: timedOut ? 'timeout' : 'unreachable' };
    }
  }

  /**
   * Live samples from `{spacesEndpoint}/v1/{owner}/{name}/live-metrics/sse`, about one a
   * second. Cold: each subscription holds one upstream connection, closed on unsubscribe.
   * Reconnects with backoff; malformed samples are skipped and counted; 401/403/404/406
   * (406: a static Space has no container) end it with a HubError.
   */
  liveMetrics(id: string, token: string | null, options: HubStreamOptions = {}): Observable<HubMetricEvent> {
    const route = 'GET /v1/{owner}/{name}/live-metrics/sse';
    // defer: a malformed id errors the Observable on subscription rather than throwing here.
    return defer(() =>
      this.stream(
        {
          ...this.streamTarget(route, id, token, this.options.spacesEndpoint, '/v1', 'live-metrics', 'sse'),
          reconnectOnEnd: true,
          idleTimeoutMs: this.options.streams.metricsIdleTimeoutMs,
          onStateChange: options.onStateChange,
        },
      ).pipe(
        jsonEvents({ events: ['metric'], onMalformed: () => this.countMalformed(route) }),
        this.parseEach(parseHubMetricEvent, route),
      ),
    );
  }

  /** Stage strings (`RUNNING`, `BUILDING`, …) from `{spacesEndpoint}/v1/{owner}/{name}/sse`, as `event: stage` sends them. */
  statusEvents(id: string, token: string | null, options: HubStreamOptions = {}): Observable<string> {
    const route = 'GET /v1/{owner}/{name}/sse';
    return defer(() =>
      this.stream({
        ...this.streamTarget(route, id, token, this.options.spacesEndpoint, '/v1', 'sse'),
        reconnectOnEnd: true,
        onStateChange: options.onStateChange,
      }).pipe(
        filter((event) => event.event === 'stage'),
        map((event) => event.data.trim()),
        filter((stage) => {
          if (stage !== '') return true;
          this.countMalformed(route);
          return false;
        }),
      ),
    );
  }

  /**
   * Build or run log lines from /api/spaces/{owner}/{name}/logs/{kind}. The Hub replays the
   * log on every connection; lines already delivered are dropped after a reconnection.
   * A build log completes when the Hub closes it (the build is over); a run log reconnects.
   */
  logs(id: string, token: string | null, kind: HubLogKind, options: HubStreamOptions = {}): Observable<HubLogLine> {
    const route = 'GET /api/spaces/{owner}/{name}/logs/{kind}';
    return defer(() => {
      const replay = new LogReplayFilter();
      return this.stream({
        ...this.streamTarget(route, id, token, this.options.hubEndpoint, '/api/spaces', 'logs', kind),
        reconnectOnEnd: kind === 'run',
        onConnecting: () => replay.connecting(),
        onStateChange: options.onStateChange,
      }).pipe(
        jsonEvents({ onMalformed: () => this.countMalformed(route) }),
        this.parseEach(parseHubLogLine, route),
        filter((line) => replay.accept(line)),
      );
    });
  }

  private async mutate(
    route: string,
    id: string,
    token: string | null,
    options: HubCallOptions,
    action: string,
    jsonBody?: unknown,
    query: Record<string, string | undefined> = {},
  ): Promise<HubRuntime> {
    const space = parseSpaceId(id);
    const reply = await this.requester.send({
      method: 'POST',
      route,
      url: buildUrl(this.options.hubEndpoint, spacePath('/api/spaces', space, action), query),
      token,
      subject: id,
      spaceScoped: true,
      jsonBody,
      signal: options.signal,
    });
    return this.parsed(parseHubRuntime(reply.json), route);
  }

  private read(route: string, token: string | null, options: HubCallOptions): Pick<HubCall, 'method' | 'route' | 'token' | 'signal' | 'maxRateLimitWaitMs'> {
    return { method: 'GET', route, token, signal: options.signal, maxRateLimitWaitMs: options.maxRateLimitWaitMs };
  }

  private spaceCall(id: string, ...rest: string[]): Pick<HubCall, 'url' | 'subject' | 'spaceScoped'> {
    const space: SpaceRef = parseSpaceId(id);
    return { url: buildUrl(this.options.hubEndpoint, spacePath('/api/spaces', space, ...rest)), subject: id, spaceScoped: true };
  }

  private streamTarget(
    route: string,
    id: string,
    token: string | null,
    base: string,
    prefix: '/api/spaces' | '/v1',
    ...rest: string[]
  ): Pick<HubStreamCall, 'method' | 'route' | 'url' | 'token' | 'subject' | 'spaceScoped'> {
    return { method: 'GET', route, url: buildUrl(base, spacePath(prefix, parseSpaceId(id), ...rest)), token, subject: id, spaceScoped: true };
  }

  private stream(call: HubStreamCall) {
    return openHubStream(call, this.requester, this.options, this.logger);
  }

  /** Parses each JSON value; one that is not what the route sends is counted and skipped. */
  private parseEach<T>(parse: (value: unknown) => T | undefined, route: string) {
    return mergeMap((value: unknown): T[] => {
      const parsed = parse(value);
      if (parsed !== undefined) return [parsed];
      this.countMalformed(route);
      return [];
    });
  }

  private countMalformed(route: string): void {
    this.logger.debug(`${route}: skipped a malformed event`);
    this.malformed.next({ route });
  }

  private parsed<T>(value: T | undefined, route: string): T {
    if (value === undefined) throw this.unexpected(route, 'the documented shape');
    return value;
  }

  private unexpected(route: string, expected: string): HubUnavailableError {
    return new HubUnavailableError(`Hub ${route} answered with a body that is not ${expected}`, { status: 200 }, 'server');
  }
}
