import { Injectable } from '@nestjs/common';
import type { MetricSample } from '@hfd/contracts';

/** What a chart shows: the last five minutes. */
export const HISTORY_WINDOW_SECONDS = 300;
/** Samples kept per Space, whatever the rate the Hub sends at (about 1 Hz, per replica). */
const MAX_SAMPLES_PER_SPACE = 900;

/**
 * The recent samples of each watched Space, in bounded ring buffers, so a chart opened
 * now can show the last minutes at once.
 */
@Injectable()
export class MetricHistoryService {
  private readonly samples = new Map<string, MetricSample[]>();

  record(sample: MetricSample): void {
    let buffer = this.samples.get(sample.spaceId);
    if (!buffer) {
      buffer = [];
      this.samples.set(sample.spaceId, buffer);
    }
    buffer.push(sample);
    const cutoff = sample.receivedAt - HISTORY_WINDOW_SECONDS * 1000;
    let drop = 0;
    while (drop < buffer.length && (buffer[drop].receivedAt < cutoff || buffer.length - drop > MAX_SAMPLES_PER_SPACE)) drop++;
    if (drop > 0) buffer.splice(0, drop);
  }

  recent(spaceId: string, now = Date.now()): MetricSample[] {
    const cutoff = now - HISTORY_WINDOW_SECONDS * 1000;
    return (this.samples.get(spaceId) ?? []).filter((sample) => sample.receivedAt >= cutoff);
  }
}
