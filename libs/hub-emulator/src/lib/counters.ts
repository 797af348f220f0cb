import type { SpaceActionKind } from './state/hub-store';

export type StreamKind = 'metrics' | 'status' | 'logs';

export const STREAM_KINDS: readonly StreamKind[] = ['metrics', 'status', 'logs'];

export interface RequestCountRow {
  /** A route name such as `spaces-list`, or `unknown` for paths the Hub does not serve. */
  route: string;
  method: string;
  /** `anonymous`, `invalid-token` or `<user>/<token display name>`; never a token value. */
  token: string;
  count: number;
}

export interface RequestFilter {
  route?: string;
  method?: string;
  token?: string;
}

export interface StreamFilter {
  spaceId?: string;
  kind?: StreamKind;
}

/**
 * What happened to one Space: requests that reached its app (`visits`), and what the
 * Hub did to it, on request (`restarts`, factory `rebuilds`, `pauses`) or on its own
 * (`wakes` on a visit, `sleeps` after gcTimeout, `crashes` of a crash loop).
 */
export interface SpaceActivity {
  visits: number;
  restarts: number;
  rebuilds: number;
  pauses: number;
  wakes: number;
  sleeps: number;
  crashes: number;
}

const ACTIVITY_OF: Partial<Record<SpaceActionKind, keyof SpaceActivity>> = {
  restart: 'restarts',
  rebuild: 'rebuilds',
  pause: 'pauses',
  wake: 'wakes',
  sleep: 'sleeps',
  crash: 'crashes',
};

const noActivity = (): SpaceActivity => ({ visits: 0, restarts: 0, rebuilds: 0, pauses: 0, wakes: 0, sleeps: 0, crashes: 0 });

export interface CountersSnapshot {
  totalRequests: number;
  requests: RequestCountRow[];
  /** Streams opened since the last reset, closed or not. */
  streamsOpened: number;
  openStreams: {
    total: number;
    byKind: Record<StreamKind, number>;
    bySpace: Record<string, Record<StreamKind, number>>;
  };
  /** Per Space with any activity since the last reset. */
  spaces: Record<string, SpaceActivity>;
}

const emptyKinds = (): Record<StreamKind, number> => ({ metrics: 0, status: 0, logs: 0 });

/** What the emulator served: requests per route, method and token label, and the streams open now. */
export class EmulatorCounters {
  private readonly requestCounts = new Map<string, RequestCountRow>();
  private readonly open = new Map<string, Record<StreamKind, number>>();
  /** Keyed by the lower-cased id, as the Hub resolves ids. */
  private readonly activity = new Map<string, { spaceId: string; counts: SpaceActivity }>();
  private opened = 0;

  recordRequest(route: string, method: string, token: string): void {
    const key = `${route}\u0000${method}\u0000${token}`;
    const row = this.requestCounts.get(key);
    if (row) row.count++;
    else this.requestCounts.set(key, { route, method, token, count: 1 });
  }

  /** Sum of the requests matching every given field. */
  requests(filter: RequestFilter = {}): number {
    return this.requestRows(filter).reduce((sum, row) => sum + row.count, 0);
  }

  requestRows(filter: RequestFilter = {}): RequestCountRow[] {
    return [...this.requestCounts.values()]
      .filter(
        (row) =>
          (filter.route === undefined || row.route === filter.route) &&
          (filter.method === undefined || row.method === filter.method.toUpperCase()) &&
          (filter.token === undefined || row.token === filter.token),
      )
      .map((row) => ({ ...row }));
  }

  streamOpened(spaceId: string, kind: StreamKind): void {
    const counts = this.open.get(spaceId) ?? emptyKinds();
    counts[kind]++;
    this.open.set(spaceId, counts);
    this.opened++;
  }

  streamClosed(spaceId: string, kind: StreamKind): void {
    const counts = this.open.get(spaceId);
    if (!counts || counts[kind] === 0) return;
    counts[kind]--;
    if (counts.metrics + counts.status + counts.logs === 0) this.open.delete(spaceId);
  }

  recordVisit(spaceId: string): void {
    this.countsOf(spaceId).visits++;
  }

  recordAction(spaceId: string, kind: SpaceActionKind): void {
    const counter = ACTIVITY_OF[kind];
    if (counter) this.countsOf(spaceId)[counter]++;
  }

  /** Visits, restarts, rebuilds, … of one Space since the last reset (case-insensitive id). */
  space(spaceId: string): SpaceActivity {
    return { ...(this.activity.get(spaceId.toLowerCase())?.counts ?? noActivity()) };
  }

  /** Streams open now, for one Space and/or one kind, or all. */
  openStreams(filter: StreamFilter = {}): number {
    let total = 0;
    for (const [spaceId, counts] of this.open) {
      if (filter.spaceId !== undefined && spaceId.toLowerCase() !== filter.spaceId.toLowerCase()) continue;
      total += filter.kind ? counts[filter.kind] : counts.metrics + counts.status + counts.logs;
    }
    return total;
  }

  snapshot(): CountersSnapshot {
    const byKind = emptyKinds();
    const bySpace: Record<string, Record<StreamKind, number>> = {};
    for (const [spaceId, counts] of this.open) {
      bySpace[spaceId] = { ...counts };
      for (const kind of STREAM_KINDS) byKind[kind] += counts[kind];
    }
    return {
      totalRequests: this.requests(),
      requests: this.requestRows(),
      streamsOpened: this.opened,
      openStreams: { total: byKind.metrics + byKind.status + byKind.logs, byKind, bySpace },
      spaces: Object.fromEntries([...this.activity.values()].map(({ spaceId, counts }) => [spaceId, { ...counts }])),
    };
  }

  /** Forgets request and activity counts; open streams are live state and stay. */
  reset(): void {
    this.requestCounts.clear();
    this.activity.clear();
    this.opened = 0;
  }

  private countsOf(spaceId: string): SpaceActivity {
    const key = spaceId.toLowerCase();
    let entry = this.activity.get(key);
    if (!entry) {
      entry = { spaceId, counts: noActivity() };
      this.activity.set(key, entry);
    }
    return entry.counts;
  }
}
