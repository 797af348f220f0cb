import type { MetricSample } from '@hfd/contracts';
import type { EventStream } from '@hfd/test-support';

/**
 * Every sample a viewer of `/api/v1/stream` received, with when its `metric` event (a batch
 * of samples that came together) arrived.
 */
export function metricsOf(viewer: EventStream): Array<{ sample: MetricSample; at: number }> {
  return viewer.events
    .filter((event) => event.event === 'metric')
    .flatMap((event) => (JSON.parse(event.data) as MetricSample[]).map((sample) => ({ sample, at: event.at })));
}

/** The longest silence between metric events of `spaceId` that arrived after `since` (a `performance.now()` time). */
export function longestMetricGapMs(viewer: EventStream, spaceId: string, since: number): number {
  const times = metricsOf(viewer)
    .filter(({ sample, at }) => sample.spaceId === spaceId && at >= since)
    .map(({ at }) => at);
  let longest = times.length === 0 ? Infinity : times[0] - since;
  for (let i = 1; i < times.length; i += 1) longest = Math.max(longest, times[i] - times[i - 1]);
  return longest;
}
