import type uPlot from 'uplot';
import { formatBytesPerSecond, formatClock, formatPercent } from '../../../shared/format/formatters';
import type { ChartColors } from './chart-colors';

export interface ChartLabels {
  time: string;
  cpu: string;
  memory: string;
  upload: string;
  download: string;
}

export const CHART_HEIGHT = 200;

/** The percent axis grows with the data but never below 1%, so an idle Space is not all noise. */
function percentRange(_u: uPlot, _min: number, max: number): uPlot.Range.MinMax {
  return [0, Math.max(1, max * 1.15)];
}

function rateRange(_u: uPlot, _min: number, max: number): uPlot.Range.MinMax {
  return [0, Math.max(1024, max * 1.15)];
}

/**
 * Four series on two axes: CPU and memory in percent on the left, upload and download in
 * bytes per second on the right. Dashes tell the series apart without relying on colour.
 */
export function chartOptions(width: number, lang: string, labels: ChartLabels, colors: ChartColors): uPlot.Options {
  const percent = (_u: uPlot, value: number | null): string => (value === null ? '—' : formatPercent(value, lang));
  const rate = (_u: uPlot, value: number | null): string => (value === null ? '—' : formatBytesPerSecond(value, lang));
  const clock = (_u: uPlot, value: number | null): string => (value === null ? '—' : formatClock(value * 1000, lang));
  const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  return {
    width,
    height: CHART_HEIGHT,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, pct: { range: percentRange }, bps: { range: rateRange } },
    series: [
      { label: labels.time, value: clock },
      { label: labels.cpu, scale: 'pct', stroke: colors.cpu, width: 2, value: percent },
      { label: labels.memory, scale: 'pct', stroke: colors.memory, width: 2, dash: [8, 4], value: percent },
      { label: labels.upload, scale: 'bps', stroke: colors.upload, width: 2, dash: [2, 3], value: rate },
      { label: labels.download, scale: 'bps', stroke: colors.download, width: 2, dash: [10, 3, 2, 3], value: rate },
    ],
    axes: [
      { ...axis, values: (_u, ticks) => ticks.map((tick) => formatClock(tick * 1000, lang)) },
      { ...axis, scale: 'pct', size: 56, values: (_u, ticks) => ticks.map((tick) => formatPercent(tick, lang)) },
      {
        ...axis,
        scale: 'bps',
        side: 1,
        size: 72,
        grid: { show: false },
        values: (_u, ticks) => ticks.map((tick) => formatBytesPerSecond(tick, lang)),
      },
    ],
  };
}
