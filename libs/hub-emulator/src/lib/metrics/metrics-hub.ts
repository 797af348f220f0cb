import { FREE_FLAVOR } from '../hub/flavors';
import { isRunningStage } from '../hub/stages';
import { DemandTicker } from '../state/demand-ticker';
import type { HubStore } from '../state/hub-store';
import type { SpaceRecord } from '../state/space-record';
import type { Timers } from '../state/timers';
import { Topic, type Listener } from '../state/topic';
import { MetricGenerator, type MetricSample } from './metric-generator';

interface Feed {
  topic: Topic<MetricSample>;
  ticker: DemandTicker;
}

/** A live-metrics sample as the emulator hands it to a Space's open streams. */
export interface MetricSampleSent {
  spaceId: string;
  sample: MetricSample;
}

/** Observes every sample sent; it runs inside the sampling timer, so it must not throw. */
export type MetricSampleObserver = (sent: MetricSampleSent) => void;

/**
 * One metric producer per Space, shared by every stream of that Space like the
 * container it stands for; it samples only while the Space runs and someone listens,
 * one sample per replica per interval.
 */
export class MetricsHub {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly store: HubStore,
    private readonly timers: Timers,
    private readonly intervalMs: number,
    private readonly observer?: MetricSampleObserver,
  ) {
    store.onAnyStage(({ space }) => this.reconcile(space));
  }

  subscribe(space: SpaceRecord, listener: Listener<MetricSample>): () => void {
    return this.feed(space).topic.subscribe(listener);
  }

  private feed(space: SpaceRecord): Feed {
    let feed = this.feeds.get(space.id);
    if (!feed) {
      const generator = new MetricGenerator(this.store.seed, space.id, space.def.load);
      const topic = new Topic<MetricSample>(() => this.reconcile(space));
      const ticker = new DemandTicker(this.timers, this.intervalMs, () => {
        const flavor = space.runtime.hardwareCurrent ?? space.runtime.hardwareRequested ?? FREE_FLAVOR;
        for (const replica of space.runtime.replicaIds) {
          const sample = generator.next(flavor, replica);
          // Just before the write, so a benchmark's send-to-receive latency includes the emulator's own writing.
          this.observer?.({ spaceId: space.id, sample });
          topic.publish(sample);
        }
      });
      feed = { topic, ticker };
      this.feeds.set(space.id, feed);
    }
    return feed;
  }

  private reconcile(space: SpaceRecord): void {
    const feed = this.feeds.get(space.id);
    if (feed) feed.ticker.set(feed.topic.size > 0 && !space.isStatic && isRunningStage(space.runtime.stage));
  }
}
