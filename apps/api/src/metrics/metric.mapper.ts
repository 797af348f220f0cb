import type { MetricSample } from '@hfd/contracts';
import type { HubMetricEvent } from '../hf-client/hf-api.types';

function finite(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The Hub's sample carries no time: it is stamped when the API receives it. */
export function toSample(spaceId: string, event: HubMetricEvent, receivedAt: number): MetricSample {
  return {
    spaceId,
    replica: event.replica ?? null,
    cpuPct: finite(event.cpu_usage_pct) ?? 0,
    cpuMillicores: finite(event.cpu_millicores),
    memoryUsedBytes: finite(event.memory_used_bytes) ?? 0,
    memoryTotalBytes: finite(event.memory_total_bytes),
    rxBps: finite(event.rx_bps) ?? 0,
    txBps: finite(event.tx_bps) ?? 0,
    gpus: Object.entries(event.gpus ?? {}).map(([id, gpu]) => ({
      id,
      utilization: finite(gpu.utilization) ?? 0,
      memoryUsedBytes: finite(gpu.memory_used_bytes) ?? 0,
      memoryTotalBytes: finite(gpu.memory_total_bytes) ?? 0,
    })),
    receivedAt,
  };
}
