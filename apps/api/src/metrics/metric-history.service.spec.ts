import type { MetricSample } from '@hfd/contracts';
import { HISTORY_WINDOW_SECONDS, MetricHistoryService } from './metric-history.service';

function sample(spaceId: string, receivedAt: number): MetricSample {
  return { spaceId, replica: 'abcde', cpuPct: 1, cpuMillicores: 2000, memoryUsedBytes: 1, memoryTotalBytes: 2, rxBps: 0, txBps: 0, gpus: [], receivedAt };
}

describe('MetricHistoryService', () => {
  it('keeps only the last five minutes of each Space', () => {
    const history = new MetricHistoryService();
    const start = 1_000_000;
    for (let second = 0; second <= HISTORY_WINDOW_SECONDS + 60; second++) history.record(sample('a/b', start + second * 1000));
    const now = start + (HISTORY_WINDOW_SECONDS + 60) * 1000;
    const recent = history.recent('a/b', now);
    expect(recent[0].receivedAt).toBe(now - HISTORY_WINDOW_SECONDS * 1000);
    expect(recent).toHaveLength(HISTORY_WINDOW_SECONDS + 1);
  });

  it('bounds the samples kept per Space even at a high rate', () => {
    const history = new MetricHistoryService();
    for (let index = 0; index < 5000; index++) history.record(sample('a/b', 1_000_000 + index));
    expect(history.recent('a/b', 1_005_000).length).toBeLessThanOrEqual(900);
  });

  it('keeps Spaces apart', () => {
    const history = new MetricHistoryService();
    history.record(sample('a/b', 1000));
    history.record(sample('c/d', 1000));
    history.record(sample('c/d', 2000));
    expect(history.recent('a/b', 2000)).toHaveLength(1);
    expect(history.recent('c/d', 2000).map((kept) => kept.receivedAt)).toEqual([1000, 2000]);
    expect(history.recent('e/f', 2000)).toEqual([]);
  });
});
