import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { Subscription } from 'rxjs';
import { AutomationEngine } from '../../automation/automation-engine.service';
import { PrometheusRegistry } from './prometheus-registry';

/** The automation engine: runs by kind and result, failures, give-ups, and probe latency per Space. */
@Injectable()
export class AutomationSeries implements OnModuleDestroy {
  private readonly subscription: Subscription;

  constructor(engine: AutomationEngine, registry: PrometheusRegistry) {
    const runs = new Counter({
      name: 'hfd_automation_runs_total',
      help: 'Steps automation rules took (restart, rebuild, visit, probe…), by rule kind, step and result',
      labelNames: ['kind', 'step', 'result'] as const,
      registers: [registry.open],
    });
    const failures = new Counter({
      name: 'hfd_automation_failures_total',
      help: 'Steps of automation rules that failed, by rule kind',
      labelNames: ['kind'] as const,
      registers: [registry.open],
    });
    const giveUps = new Counter({
      name: 'hfd_automation_give_ups_total',
      help: 'Times a recovery ladder gave up on a Space',
      registers: [registry.open],
    });
    // Space names label these, private ones included: for holders of the API key only.
    const probeLatency = new Histogram({
      name: 'hfd_probe_duration_seconds',
      help: 'Time a Space’s app took to answer its probe, by Space',
      labelNames: ['space'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry.keyOnly],
    });
    this.subscription = engine.runs$.subscribe((event) => {
      runs.inc({ kind: event.kind, step: event.step, result: event.result });
      if (event.result === 'failure') failures.inc({ kind: event.kind });
      if (event.result === 'gave-up') giveUps.inc();
      if (event.probeLatencyMs !== undefined && event.probeLatencyMs !== null) probeLatency.observe({ space: event.spaceId }, event.probeLatencyMs / 1000);
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
