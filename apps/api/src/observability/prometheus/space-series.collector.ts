import { Injectable } from '@nestjs/common';
import { SPACE_STAGES, STAGE_GROUP, UNKNOWN_STAGE, type UptimeWindow } from '@hfd/contracts';
import { HistoryService } from '../../history/history.service';
import { Gauge, Registry } from 'prom-client';
import { MetricHistoryService } from '../../metrics/metric-history.service';
import { InventoryService } from '../../spaces/inventory.service';
import type { Visibility } from '../../spaces/visibility';

/** The uptime windows exported per Space (90 days is for the page). */
const UPTIME_GAUGE_WINDOWS: readonly UptimeWindow[] = ['24h', '7d', '30d'];

/**
 * Per-Space series, built at scrape time for what the scraper may see: private Spaces
 * appear only to a caller with the API key (or when SHOW_PRIVATE is on).
 */
@Injectable()
export class SpaceSeriesCollector {
  constructor(
    private readonly inventory: InventoryService,
    private readonly history: MetricHistoryService,
    private readonly uptime: HistoryService,
  ) {}

  async collect(visibility: Visibility): Promise<Registry> {
    const registry = new Registry();
    const labelNames = ['space', 'account'] as const;
    const stage = new Gauge({
      name: 'hfd_space_stage',
      help: 'The runtime stage of each Space: 1 for its current stage, 0 for the others',
      labelNames: [...labelNames, 'stage', 'group'] as const,
      registers: [registry],
    });
    const gauges = {
      cpu: new Gauge({ name: 'hfd_space_cpu_usage_percent', help: 'CPU use of the Space container', labelNames, registers: [registry] }),
      memoryUsed: new Gauge({ name: 'hfd_space_memory_used_bytes', help: 'Memory used by the Space container', labelNames, registers: [registry] }),
      memoryTotal: new Gauge({ name: 'hfd_space_memory_total_bytes', help: 'Memory limit of the Space container', labelNames, registers: [registry] }),
      rx: new Gauge({ name: 'hfd_space_network_receive_bytes_per_second', help: 'Download rate of the Space', labelNames, registers: [registry] }),
      tx: new Gauge({ name: 'hfd_space_network_transmit_bytes_per_second', help: 'Upload rate of the Space', labelNames, registers: [registry] }),
    };
    const uptime = new Gauge({
      name: 'hfd_space_uptime_ratio',
      help: 'Share of the window the Space was in the state its owner wants, time this server did not watch left out (absent when nothing is known)',
      labelNames: [...labelNames, 'window'] as const,
      registers: [registry],
    });
    const visible = this.inventory.current.spaces.filter((space) => visibility.sees(space));
    const figures = await this.uptime.figuresOf(visible, UPTIME_GAUGE_WINDOWS);
    for (const [index, space] of visible.entries()) {
      const labels = { space: space.id, account: space.owner };
      for (const figure of figures[index]) if (figure.ratio !== null) uptime.set({ ...labels, window: figure.window }, figure.ratio);
      const current = space.runtime?.stage ?? UNKNOWN_STAGE;
      for (const candidate of [...SPACE_STAGES, UNKNOWN_STAGE]) {
        stage.set({ ...labels, stage: candidate, group: STAGE_GROUP[candidate] }, candidate === current ? 1 : 0);
      }
      const latest = this.history.recent(space.id).at(-1);
      if (!latest) continue;
      gauges.cpu.set(labels, latest.cpuPct);
      gauges.memoryUsed.set(labels, latest.memoryUsedBytes);
      if (latest.memoryTotalBytes !== null) gauges.memoryTotal.set(labels, latest.memoryTotalBytes);
      gauges.rx.set(labels, latest.rxBps);
      gauges.tx.set(labels, latest.txBps);
    }
    return registry;
  }
}
