export interface GpuSample {
  id: string;
  utilization: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
}

/** One live-metrics sample of a Space, stamped when the API received it (the Hub sends no time). */
export interface MetricSample {
  spaceId: string;
  replica: string | null;
  cpuPct: number;
  cpuMillicores: number | null;
  memoryUsedBytes: number;
  memoryTotalBytes: number | null;
  /** Network receive (download), bytes per second. */
  rxBps: number;
  /** Network transmit (upload), bytes per second. */
  txBps: number;
  gpus: GpuSample[];
  /** Epoch milliseconds. */
  receivedAt: number;
}

export interface MetricHistoryResponse {
  spaceId: string;
  /** Oldest first, covering at most the last `windowSeconds`. */
  samples: MetricSample[];
  windowSeconds: number;
}
