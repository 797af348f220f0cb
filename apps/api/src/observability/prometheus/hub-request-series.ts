import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Subscription } from 'rxjs';
import { HfClientService } from '../../hf-client/hf-client.service';
import { PrometheusRegistry } from './prometheus-registry';

/** The Hub traffic: requests by route and status, their latency, skipped stream events, and the rate limit left. */
@Injectable()
export class HubRequestSeries implements OnModuleDestroy {
  private readonly subscriptions: Subscription[] = [];

  constructor(hf: HfClientService, registry: PrometheusRegistry) {
    const requests = new Counter({
      name: 'hfd_hub_requests_total',
      help: 'Requests sent to the Hugging Face Hub, by route and status (error = no answer)',
      labelNames: ['route', 'status'] as const,
      registers: [registry.open],
    });
    const latency = new Histogram({
      name: 'hfd_hub_request_duration_seconds',
      help: 'Latency of Hub requests, by route',
      labelNames: ['route'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry.open],
    });
    const remaining = new Gauge({
      name: 'hfd_hub_rate_limit_remaining',
      help: 'Requests left in the current Hub rate-limit window, as the Hub last reported',
      registers: [registry.keyOnly],
    });
    const malformed = new Counter({
      name: 'hfd_hub_malformed_events_total',
      help: 'Events of Hub streams skipped because they could not be parsed',
      registers: [registry.open],
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
