/** Messages between the benchmark (parent) and a client worker process, over Node's IPC channel. */

export interface OpenCommand {
  type: 'open';
  /** The stream URL every client of this worker connects to. */
  url: string;
  clients: number;
  /** Connections opened per second by this worker, so the server is not hit by one burst. */
  perSecond: number;
}

/** A sample the emulator sent, and when (monotonic ms): the send side of the latency. */
export interface SentCommand {
  type: 'sent';
  key: string;
  at: number;
}

export interface MeasureCommand {
  type: 'measure';
  /** true starts a window (counters reset), false ends it and answers with `stats`. */
  on: boolean;
}

export interface ChurnCommand {
  type: 'churn';
  url: string;
  cycles: number;
  concurrency: number;
  /** A cycle gives up (and counts an error) after this long without its events. */
  cycleTimeoutMs: number;
}

export interface CloseCommand {
  type: 'close';
}

export type WorkerCommand = OpenCommand | SentCommand | MeasureCommand | ChurnCommand | CloseCommand;

export interface ProgressReport {
  type: 'progress';
  opened: number;
  /** Answered 200 with an event stream. */
  connected: number;
  /** Received at least one metric event. */
  withMetric: number;
  errors: number;
}

export interface WindowStats {
  type: 'stats';
  windowMs: number;
  clients: number;
  metricEvents: number;
  otherEvents: number;
  bytes: number;
  /** Reads (socket chunks) that brought those bytes: the server coalesces the events of one turn into one write. */
  chunks: number;
  /** Sparse latency histogram (see LatencyHistogram.toSparse) and the exact largest latency. */
  latency: Array<[number, number]>;
  latencyMax: number;
  /** Received samples whose send time never arrived (should be 0), and those with an ambiguous key. */
  unmatched: number;
  ambiguous: number;
  /** Samples received in the window by this worker's least and best served client. */
  samplesPerClient: { min: number; max: number };
  /** The longest any client of this worker waited for a metric event in the window (the window's edges included). */
  longestGapMs: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** The worker's own CPU (user + system, % of one core) and event-loop utilization (0..1) over the window. */
  cpuPct: number;
  eventLoopUtilization: number;
  /** How late the worker's own event loop ran (ms): an upper bound on what the client adds to the latency. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

export interface ChurnReport {
  type: 'churned';
  cycles: number;
  completed: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Sparse histogram of connect → first metric event. */
  firstMetric: Array<[number, number]>;
  elapsedMs: number;
}

export interface ClosedReport {
  type: 'closed';
}

export type WorkerReport = ProgressReport | WindowStats | ChurnReport | ClosedReport;
