import { recordedMetricEvents } from '../../testing/recordings';
import { FLAVORS } from '../hub/flavors';
import { MetricGenerator, cpuMillicores, memoryTotalBytes, type MetricSample } from './metric-generator';

function samples(seed: number, count: number, flavor: (typeof FLAVORS)[number] = 't4-small'): MetricSample[] {
  const generator = new MetricGenerator(seed, 'alice/app', 'busy');
  return Array.from({ length: count }, () => generator.next(flavor, 'ab12c'));
}

describe('MetricGenerator', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    expect(samples(42, 50)).toEqual(samples(42, 50));
    expect(samples(42, 50)).not.toEqual(samples(43, 50));
  });

  it('sends exactly the fields of the recorded sample, in its order', () => {
    const recordedKeys = Object.keys(recordedMetricEvents()[0]?.data ?? {});
    expect(Object.keys(samples(1, 1)[0] ?? {})).toEqual(recordedKeys);
    expect(Object.keys(samples(1, 1, 'cpu-basic')[0] ?? {})).toEqual(recordedKeys.filter((key) => key !== 'gpus'));
  });

  it('matches the recorded totals of a 4-vCPU, 15 GB machine', () => {
    expect(memoryTotalBytes('t4-small')).toBe(15_032_385_536);
    expect(cpuMillicores('t4-small')).toBe(3500);
  });

  it('keeps every value plausible over a long walk', () => {
    for (const flavor of ['cpu-basic', 'a10g-largex2', 'l40sx8'] as const) {
      for (const sample of samples(5, 500, flavor)) {
        expect(Number.isInteger(sample.cpu_usage_pct)).toBe(true);
        expect(sample.cpu_usage_pct).toBeGreaterThanOrEqual(0);
        expect(sample.cpu_usage_pct).toBeLessThanOrEqual(100);
        expect(sample.memory_used_bytes).toBeGreaterThan(0);
        expect(sample.memory_used_bytes).toBeLessThanOrEqual(sample.memory_total_bytes);
        expect(sample.rx_bps).toBeGreaterThanOrEqual(0);
        expect(sample.tx_bps).toBeGreaterThanOrEqual(0);
        expect(sample.replica).toMatch(/^[a-z0-9]{5}$/);
        for (const [id, gpu] of Object.entries(sample.gpus ?? {})) {
          expect(id).toMatch(/^[0-9a-f]{8}$/);
          expect(gpu.utilization).toBeGreaterThanOrEqual(0);
          expect(gpu.utilization).toBeLessThanOrEqual(100);
          expect(gpu.memory_used_bytes).toBeLessThanOrEqual(gpu.memory_total_bytes);
        }
      }
    }
  });

  it('reports one entry per GPU of the flavor, with ids stable per replica', () => {
    const [first, second] = samples(9, 2, 'a10g-largex4');
    expect(Object.keys(first?.gpus ?? {})).toHaveLength(4);
    expect(Object.keys(second?.gpus ?? {})).toEqual(Object.keys(first?.gpus ?? {}));
  });

  it('follows the load profile: a busy Space uses more CPU than an idle one', () => {
    const mean = (profile: 'idle' | 'busy') => {
      const generator = new MetricGenerator(3, 'alice/app', profile);
      const values = Array.from({ length: 300 }, () => generator.next('cpu-upgrade', 'r0000').cpu_usage_pct);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean('busy')).toBeGreaterThan(mean('idle') + 20);
  });
});
