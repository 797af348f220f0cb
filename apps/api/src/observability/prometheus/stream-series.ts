import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import { MetricsHubService } from '../../metrics/metrics-hub.service';
import { StreamAdmission } from '../../stream/stream-admission';
import { StreamService } from '../../stream/stream.service';
import { PrometheusRegistry } from './prometheus-registry';

/** The viewers' stream and what it costs upstream: viewers connected and refused, and live-metrics connections to the Hub. */
@Injectable()
export class StreamSeries implements OnModuleDestroy {
  private readonly subscription: Subscription;

  constructor(registry: PrometheusRegistry, stream: StreamService, hub: MetricsHubService, admission: StreamAdmission) {
    new Gauge({
      name: 'hfd_stream_clients',
      help: 'Dashboards and scripts connected to /api/v1/stream',
      registers: [registry.open],
      collect() {
        this.set(stream.connectedViewers);
      },
    });
    new Gauge({
      name: 'hfd_upstream_streams',
      help: 'Live-metrics connections open to the Hub (one per watched running Space)',
      registers: [registry.open],
      collect() {
        this.set(hub.openUpstreams);
      },
    });
    const refusals = new Counter({
      name: 'hfd_stream_refusals_total',
      help: 'Connections to /api/v1/stream refused by a cap: client_limit (STREAM_LIMIT_PER_CLIENT, 429) or server_limit (STREAM_LIMIT, 503)',
      labelNames: ['reason'] as const,
      registers: [registry.open],
    });
    // Both series exist from the start, so a rate() over them never sees a missing one.
    for (const reason of ['client_limit', 'server_limit'] as const) refusals.inc({ reason }, 0);
    this.subscription = admission.refusals$.subscribe((reason) => refusals.inc({ reason }));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
