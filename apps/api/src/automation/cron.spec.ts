import { cronError, isTimeZone, nextRuns, windowStartAt, windowStarts } from './cron';

const iso = (times: number[]) => times.map((time) => new Date(time).toISOString());

describe('cron times', () => {
  it('fires at the wall-clock minute of a non-UTC zone, across the spring and autumn daylight-saving changes', () => {
    // Berlin: CET (UTC+1) until 2026-03-29 02:00, CEST (UTC+2) until 2026-10-25 03:00.
    expect(iso(nextRuns('0 9 * * *', 'Europe/Berlin', Date.UTC(2026, 2, 27, 12), 5))).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
    ]);
    expect(iso(nextRuns('0 9 * * *', 'Europe/Berlin', Date.UTC(2026, 9, 24, 12), 2))).toEqual(['2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('runs a time skipped by the spring change once, at the first minute that exists', () => {
    // 02:30 does not exist in Berlin on 2026-03-29: the run comes at 03:00 CEST.
    expect(iso(nextRuns('30 2 * * *', 'Europe/Berlin', Date.UTC(2026, 2, 28, 12), 2))).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('previews the next five runs in the zone, and tells a bad expression or zone', () => {
    expect(iso(nextRuns('0 4 * * 1', 'Asia/Shanghai', Date.UTC(2026, 0, 1), 5))).toEqual([
      '2026-01-04T20:00:00.000Z',
      '2026-01-11T20:00:00.000Z',
      '2026-01-18T20:00:00.000Z',
      '2026-01-25T20:00:00.000Z',
      '2026-02-01T20:00:00.000Z',
    ]);
    expect(cronError('61 * * * *', 'UTC')).toMatch(/minute/);
    expect(cronError('* * * * * *', 'UTC')).toMatch(/5 parts/);
    expect(cronError('0 4 * * 1', 'UTC')).toBeNull();
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('America/New_York')).toBe(true);
  });

  it('says whether a maintenance window is in force, one-off or recurring', () => {
    const oneOff = { start: '2026-01-01T10:00:00.000Z', durationMinutes: 30 };
    expect(windowStartAt(oneOff, Date.UTC(2026, 0, 1, 9, 59))).toBeNull();
    expect(windowStartAt(oneOff, Date.UTC(2026, 0, 1, 10, 29))).toBe(Date.UTC(2026, 0, 1, 10));
    expect(windowStartAt(oneOff, Date.UTC(2026, 0, 1, 10, 30))).toBeNull();
    const nightly = { cron: '0 2 * * *', timezone: 'Europe/Berlin', durationMinutes: 60 };
    expect(windowStartAt(nightly, Date.UTC(2026, 0, 1, 1, 30))).toBe(Date.UTC(2026, 0, 1, 1));
    expect(windowStartAt(nightly, Date.UTC(2026, 0, 1, 2, 0))).toBeNull();
    expect(iso(windowStarts(nightly, Date.UTC(2026, 0, 1, 3), 2))).toEqual(['2026-01-02T01:00:00.000Z', '2026-01-03T01:00:00.000Z']);
    expect(windowStarts(oneOff, Date.UTC(2026, 0, 2), 5)).toEqual([]);
  });
});
