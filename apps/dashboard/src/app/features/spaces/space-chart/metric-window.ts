import type { MetricSample } from '@hfd/contracts';
import { memoryPercent } from '../data-access/space-view';

/** The chart's columns, as uPlot wants them: x in Unix seconds, then one array per series. */
export type MetricColumns = [
  time: number[],
  cpuPct: (number | null)[],
  memoryPct: (number | null)[],
  uploadBps: (number | null)[],
  downloadBps: (number | null)[],
];

/**
 * Samples come about once a second; a longer silence (the Space restarted, the stream
 * dropped) is a gap in the data, drawn as a break in the lines rather than bridged by a
 * straight line that looks like real load.
 */
export const GAP_MS = 5000;

/**
 * The last few minutes of one Space's samples, oldest first: first the history from the
 * API, then live samples appended as they come. Duplicates and stragglers (a sample
 * already covered by the history) are dropped; anything older than the window falls off.
 */
export class MetricWindow {
  private samples: MetricSample[] = [];

  constructor(private readonly windowMs: number) {}

  get size(): number {
    return this.samples.length;
  }

  addHistory(history: readonly MetricSample[]): void {
    const byTime = new Map<number, MetricSample>();
    for (const sample of [...history, ...this.samples]) byTime.set(sample.receivedAt, sample);
    this.samples = [...byTime.values()].sort((a, b) => a.receivedAt - b.receivedAt);
    this.trim();
  }

  /** Returns whether the sample was new. */
  push(sample: MetricSample): boolean {
    const last = this.samples.at(-1);
    if (last && sample.receivedAt <= last.receivedAt) return false;
    this.samples.push(sample);
    this.trim();
    return true;
  }

  columns(): MetricColumns {
    const columns: MetricColumns = [[], [], [], [], []];
    let previous: MetricSample | null = null;
    for (const sample of this.samples) {
      if (previous && sample.receivedAt - previous.receivedAt > GAP_MS) {
        // One empty point inside the gap: uPlot does not join lines across it.
        columns[0].push((previous.receivedAt + sample.receivedAt) / 2000);
        for (const series of columns.slice(1) as (number | null)[][]) series.push(null);
      }
      previous = sample;
      columns[0].push(sample.receivedAt / 1000);
      columns[1].push(sample.cpuPct);
      columns[2].push(memoryPercent(sample));
      columns[3].push(sample.txBps);
      columns[4].push(sample.rxBps);
    }
    return columns;
  }

  private trim(): void {
    const last = this.samples.at(-1);
    if (!last) return;
    const cutoff = last.receivedAt - this.windowMs;
    const first = this.samples.findIndex((sample) => sample.receivedAt >= cutoff);
    if (first > 0) this.samples = this.samples.slice(first);
  }
}
