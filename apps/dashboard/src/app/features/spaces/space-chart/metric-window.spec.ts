import { makeSample } from '../../../../testing/fixtures';
import { MetricWindow } from './metric-window';

const at = (seconds: number, cpuPct = seconds) => makeSample('a/b', { receivedAt: seconds * 1000, cpuPct });

describe('MetricWindow', () => {
  it('lays the samples out as uPlot columns: seconds, CPU %, memory %, upload, download', () => {
    const window = new MetricWindow(300_000);
    window.addHistory([
      makeSample('a/b', { receivedAt: 1000, cpuPct: 5, memoryUsedBytes: 1, memoryTotalBytes: 4, txBps: 10, rxBps: 20 }),
      makeSample('a/b', { receivedAt: 2000, cpuPct: 6, memoryUsedBytes: 2, memoryTotalBytes: null, txBps: 11, rxBps: 21 }),
    ]);
    expect(window.columns()).toEqual([
      [1, 2],
      [5, 6],
      [25, null],
      [10, 11],
      [20, 21],
    ]);
  });

  it('appends live samples after the history, and drops duplicates and stragglers', () => {
    const window = new MetricWindow(300_000);
    window.addHistory([at(1), at(2), at(3)]);
    expect(window.push(at(4))).toBe(true);
    expect(window.push(at(4))).toBe(false);
    expect(window.push(at(2))).toBe(false);
    expect(window.columns()[0]).toEqual([1, 2, 3, 4]);
  });

  it('merges a history that arrives after the first live samples', () => {
    const window = new MetricWindow(300_000);
    window.push(at(10));
    window.addHistory([at(8), at(9), at(10)]);
    expect(window.columns()[0]).toEqual([8, 9, 10]);
  });

  it('keeps only the window', () => {
    const window = new MetricWindow(5_000);
    window.addHistory([at(1), at(2), at(3)]);
    window.push(at(7));
    expect(window.columns()[0]).toEqual([2, 3, 7]);
    expect(window.size).toBe(3);
  });

  it('breaks the lines where samples stopped coming, instead of bridging the gap', () => {
    const window = new MetricWindow(300_000);
    window.addHistory([at(1, 10), at(2, 20), at(60, 30), at(61, 40)]);
    const [time, cpu, memory, upload, download] = window.columns();
    expect(time).toEqual([1, 2, 31, 60, 61]);
    expect(cpu).toEqual([10, 20, null, 30, 40]);
    for (const series of [memory, upload, download]) expect(series[2]).toBeNull();
  });

  it('does not break the lines over the usual second between samples', () => {
    const window = new MetricWindow(300_000);
    window.addHistory([at(1), at(2), at(3), at(5)]);
    expect(window.columns()[1]).not.toContain(null);
  });
});
