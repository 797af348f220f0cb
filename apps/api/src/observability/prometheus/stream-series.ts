import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsHubService } from '../../metrics/metrics-hub.service';
import { StreamService } from '../../stream/stream.service';
import { PrometheusRegistry } from './prometheus-registry';

/** The viewers' stream and what it costs upstream: viewers connected, and live-metrics connections to the Hub. */
@Injectable()
export class StreamSeries {
  constructor(registry: PrometheusRegistry, stream: StreamService, hub: MetricsHubService) {
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
  }
}
