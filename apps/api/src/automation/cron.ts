import { Cron } from 'croner';
import type { MaintenanceSettings } from '@hfd/contracts';

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A paused croner job: used for its times only, never started. */
export function cronOf(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, paused: true, mode: '5-part' });
}

/** The reason croner refuses `expression`, or null when it is valid. */
export function cronError(expression: string, timezone: string): string | null {
  try {
    const cron = cronOf(expression, timezone);
    return cron.nextRun(new Date()) === null ? 'it never runs' : null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The next `count` times strictly after `after`, in epoch ms. */
export function nextRuns(expression: string, timezone: string, after: number, count: number): number[] {
  return cronOf(expression, timezone)
    .nextRuns(count, new Date(after))
    .map((date) => date.getTime());
}

/** The start of the window in force at `now`, or null when none is. */
export function windowStartAt(settings: MaintenanceSettings, now: number): number | null {
  const length = settings.durationMinutes * 60_000;
  if ('start' in settings) {
    const start = Date.parse(settings.start);
    return now >= start && now < start + length ? start : null;
  }
  const [previous] = cronOf(settings.cron, settings.timezone).previousRuns(1, new Date(now + 1));
  if (previous === undefined) return null;
  const start = previous.getTime();
  return now < start + length ? start : null;
}

/** The next starts of a window (a one-off one's only start, while it is ahead). */
export function windowStarts(settings: MaintenanceSettings, now: number, count: number): number[] {
  if ('start' in settings) {
    const start = Date.parse(settings.start);
    return start > now ? [start] : [];
  }
  return nextRuns(settings.cron, settings.timezone, now, count);
}
