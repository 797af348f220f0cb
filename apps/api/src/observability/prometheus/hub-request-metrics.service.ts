import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { HfClientService } from '../../hf-client/hf-client.service';
import { MetricsHubService } from '../../metrics/metrics-hub.service';
import { StreamService } from '../../metrics/stream.service';

/**
 * The process-wide series: Hub requests by route and status, their latency, the rate
 * limit the Hub reports, skipped stream events, and stream clients and upstreams.
 */
@Injectable()
export class HubRequestMetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly subscriptions: Subscription[] = [];

  constructor(hf: HfClientService, hub: MetricsHubService, stream: StreamService) {
    const requests = new Counter({
      name: 'hfd_hub_requests_total',
      help: 'Requests sent to the Hugging Face Hub, by route and status (error = no answer)',
      labelNames: ['route', 'status'] as const,
      registers: [this.registry],
    });
    const latency = new Histogram({
      name: 'hfd_hub_request_duration_seconds',
      help: 'Latency of Hub requests, by route',
      labelNames: ['route'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    const remaining = new Gauge({
      name: 'hfd_hub_rate_limit_remaining',
      help: 'Requests left in the current Hub rate-limit window, as the Hub last reported',
      registers: [this.registry],
    });
    const malformed = new Counter({
      name: 'hfd_hub_malformed_events_total',
      help: 'Events of Hub streams skipped because they could not be parsed',
      registers: [this.registry],
    });
    new Gauge({
      name: 'hfd_stream_clients',
      help: 'Dashboards and scripts connected to /api/v1/stream',
      registers: [this.registry],
      collect() {
        this.set(stream.connectedViewers);
      },
    });
    new Gauge({
      name: 'hfd_upstream_streams',
      help: 'Live-metrics connections open to the Hub (one per watched running Space)',
      registers: [this.registry],
      collect() {
        this.set(hub.openUpstreams);
      },
    });
    this.subscriptions.push(
      hf.requests$.subscribe((event) => {
        requests.inc({ route: event.route, status: String(event.status) });
        latency.observe({ route: event.route }, event.durationMs / 1000);
        if (event.rateLimitRemaining !== undefined) remaining.set(event.rateLimitRemaining);
      }),
      hf.malformedEvents$.subscribe(() => malformed.inc()),
    );
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}
