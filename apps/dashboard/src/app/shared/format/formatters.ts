/**
 * Locale-aware number and time formatting shared by the pipes and the chart axes.
 * Intl formatters are costly to build and 200 cards format several values a second,
 * so each (language, options) pair is built once.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function numberFormat(lang: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits, minimumFractionDigits: 0 });
    numberFormats.set(key, format);
  }
  return format;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary multiples with the unit names the original dashboard used (KB = 1024 B). */
export function formatBytes(bytes: number, lang: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${numberFormat(lang, digits).format(value)} ${BYTE_UNITS[unit]}`;
}

export function formatBytesPerSecond(bytesPerSecond: number, lang: string): string {
  const bytes = formatBytes(bytesPerSecond, lang);
  return bytes === '—' ? bytes : `${bytes}/s`;
}

/** `value` is already a percentage (0–100); small values keep two decimals so idle Spaces are not all "0%". */
export function formatPercent(value: number, lang: string): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.abs(value) < 1 ? 2 : Math.abs(value) < 10 ? 1 : 0;
  return `${numberFormat(lang, digits).format(value)}%`;
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago" / "3分钟前"; anything under 10 seconds (or slightly in the future) is "now". */
export function formatRelativeTime(time: number, now: number, lang: string): string {
  let format = relativeFormats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    relativeFormats.set(lang, format);
  }
  let value = (time - now) / 1000;
  if (Math.abs(value) < 10) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The full local date and time, for tooltips beside relative times. */
export function formatDateTime(value: string | number, lang: string): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) return '';
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(lang, format);
  }
  return format.format(time);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "14:05:09": chart axes and legends cover minutes, so the date would only be noise. */
export function formatClock(time: number, lang: string): string {
  let format = clockFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    clockFormats.set(lang, format);
  }
  return format.format(time);
}

const durationFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(lang: string, unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  const key = `${lang}|${unit}`;
  let format = durationFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 });
    durationFormats.set(key, format);
  }
  return format;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A span of time in its largest sensible unit, rounded down: "< 1 min", "5 min", "2 hr",
 * "3 days" (in Chinese "5分钟", "2小时", "3天"). Hours up to two days, where days begin to read better.
 */
export function formatDuration(ms: number, lang: string): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < MINUTE_MS) return `< ${unitFormat(lang, 'minute').format(1)}`;
  if (ms < HOUR_MS) return unitFormat(lang, 'minute').format(Math.floor(ms / MINUTE_MS));
  if (ms < 2 * DAY_MS) return unitFormat(lang, 'hour').format(Math.floor(ms / HOUR_MS));
  return unitFormat(lang, 'day').format(Math.floor(ms / DAY_MS));
}

/**
 * A span to the second while it is short ("30 s", "4 min 10 s"), then as formatDuration:
 * incidents and unknown time of a few seconds must not all read "< 1 min".
 */
export function formatPreciseDuration(ms: number, lang: string): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = new Intl.NumberFormat(lang, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 });
  if (ms < MINUTE_MS) return seconds.format(Math.floor(ms / 1000));
  if (ms < 10 * MINUTE_MS) {
    const rest = Math.floor((ms % MINUTE_MS) / 1000);
    const minutes = unitFormat(lang, 'minute').format(Math.floor(ms / MINUTE_MS));
    return rest === 0 ? minutes : `${minutes} ${seconds.format(rest)}`;
  }
  return formatDuration(ms, lang);
}

const uptimeFormats = new Map<string, Intl.NumberFormat>();

/** An uptime ratio as monitors show it, to two decimals ("99.95 %"); a dash when nothing is known. */
export function formatUptime(ratio: number | null, lang: string): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  let format = uptimeFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 2 });
    uptimeFormats.set(lang, format);
  }
  // Never round a Space that was down for a moment up to a clean 100 %.
  return format.format(ratio < 1 ? Math.min(ratio, 0.9999) : 1);
}
