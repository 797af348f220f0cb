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

/** CPU and memory always on 0–100 %, so 1 % reads as little and 60 % as a lot. */
const PERCENT_RANGE: uPlot.Range.MinMax = [0, 100];

/** Rates have no natural top: the axis follows the data, but never below 1 KB/s, so an idle Space is not all noise. */
function rateRange(_u: uPlot, _min: number, max: number): uPlot.Range.MinMax {
  return [0, Math.max(1024, max * 1.15)];
}

/** Wide enough apart that clock labels ("14:05:09") never touch, whatever the font. */
const TIME_LABEL_SPACE = 90;
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif';

/**
 * While the pointer is not over the plot, the legend shows the latest values instead of
 * dashes: the chart answers "how is it now" without a hover, which touch and keyboard lack.
 */
function showLatestUnlessHovering(u: uPlot): void {
  const last = u.data[0].length - 1;
  if (u.cursor.idx == null && last >= 0) u.setLegend({ idx: last });
}

/**
 * Four series on two axes: CPU and memory in percent on the left, upload and download in
 * bytes per second on an axis of their own on the right. Dashes tell the series apart
 * without relying on colour; a gap in the data (a null) breaks the lines.
 */
export function chartOptions(width: number, lang: string, labels: ChartLabels, colors: ChartColors): uPlot.Options {
  const percent = (_u: uPlot, value: number | null): string => (value === null ? '—' : formatPercent(value, lang));
  const rate = (_u: uPlot, value: number | null): string => (value === null ? '—' : formatBytesPerSecond(value, lang));
  const clock = (_u: uPlot, value: number | null): string => (value === null ? '—' : formatClock(value * 1000, lang));
  const axis = {
    stroke: colors.text,
    font: AXIS_FONT,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
  };
  return {
    width,
    height: CHART_HEIGHT,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, pct: { range: PERCENT_RANGE }, bps: { range: rateRange } },
    series: [
      { label: labels.time, value: clock },
      { label: labels.cpu, scale: 'pct', stroke: colors.cpu, width: 2, value: percent, spanGaps: false },
      { label: labels.memory, scale: 'pct', stroke: colors.memory, width: 2, dash: [8, 4], value: percent, spanGaps: false },
      { label: labels.upload, scale: 'bps', stroke: colors.upload, width: 2, dash: [2, 3], value: rate, spanGaps: false },
      { label: labels.download, scale: 'bps', stroke: colors.download, width: 2, dash: [10, 3, 2, 3], value: rate, spanGaps: false },
    ],
    axes: [
      { ...axis, space: TIME_LABEL_SPACE, values: (_u, ticks) => ticks.map((tick) => formatClock(tick * 1000, lang)) },
      { ...axis, scale: 'pct', size: 56, values: (_u, ticks) => ticks.map((tick) => formatPercent(tick, lang)) },
      {
        ...axis,
        scale: 'bps',
        side: 1,
        size: 80,
        grid: { show: false },
        values: (_u, ticks) => ticks.map((tick) => formatBytesPerSecond(tick, lang)),
      },
    ],
    hooks: { setData: [showLatestUnlessHovering], setCursor: [showLatestUnlessHovering], ready: [showLatestUnlessHovering] },
  };
}
