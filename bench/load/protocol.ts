/** What the orchestrator and its child processes say to each other over IPC. */

export interface LoadShape {
  accounts: number;
  spacesPerAccount: number;
  seed: number;
}

export interface EmulatorReady {
  type: 'ready';
  url: string;
  /** `HF_USER` for the server: every watched account with its token. */
  hfUser: string;
  accounts: string[];
  publicSpaces: string[];
}

export interface EmulatorCounters {
  type: 'counters';
  openMetricsStreams: number;
  requests: Array<{ route: string; method: string; token: string; count: number }>;
}

/** Totals of the stream clients since they started; gaps only since `measure`. */
export interface StreamStats {
  type: 'stats';
  wanted: number;
  connected: number;
  /** Streams the server ended or cut (a dashboard would reconnect; here each one is an error). */
  disconnects: number;
  /** Connections refused, failed or answered with a status other than 200. */
  connectErrors: number;
  /** `metric` events: each a batch of the samples that came together (about one per running Space). */
  metricEvents: number;
  /** Samples in those events. */
  samples: number;
  inventoryEvents: number;
  bytes: number;
  /** Reads that returned data: about one per server write, so their rate shows how the server batches events. */
  chunks: number;
  /** The longest any client waited between two metric events, since `measure`. */
  maxMetricGapMs: number;
  /** Clients that received no metric event since `measure`. */
  silentClients: number;
}

export type StreamCommand = { type: 'stats' } | { type: 'measure' } | { type: 'close' };
