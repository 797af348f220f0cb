/**
 * What identifies one live-metrics sample on both sides of the server: the Hub's event
 * carries no timestamp or id (and the emulator must not add one), so a sample is matched
 * by its Space, replica and measured values, which the server passes through unchanged
 * (numbers survive JSON exactly). A key seen twice within the matching window is ambiguous
 * and left out of the latency figures (counted separately).
 */
export function hubSampleKey(spaceId: string, sample: { replica: string; cpu_usage_pct: number; memory_used_bytes: number; rx_bps: number; tx_bps: number }): string {
  return `${spaceId}|${sample.replica}|${sample.cpu_usage_pct}|${sample.memory_used_bytes}|${sample.rx_bps}|${sample.tx_bps}`;
}

/** The same key from the server's `metric` event (`MetricSample` of @hfd/contracts). */
export function apiSampleKey(sample: { spaceId: string; replica: string | null; cpuPct: number; memoryUsedBytes: number; rxBps: number; txBps: number }): string {
  return `${sample.spaceId}|${sample.replica ?? ''}|${sample.cpuPct}|${sample.memoryUsedBytes}|${sample.rxBps}|${sample.txBps}`;
}
