import { formatBytes, formatBytesPerSecond, formatClock, formatDuration, formatPercent, formatRelativeTime } from './formatters';

describe('formatters', () => {
  it('formats bytes in binary units with sensible precision', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(3.25 * 1024 * 1024, 'en')).toBe('3.25 MB');
    expect(formatBytes(150 * 1024 ** 3, 'en')).toBe('150 GB');
  });

  it('refuses to format nonsense as a size', () => {
    expect(formatBytes(-1, 'en')).toBe('—');
    expect(formatBytes(Number.NaN, 'en')).toBe('—');
    expect(formatBytesPerSecond(Number.POSITIVE_INFINITY, 'en')).toBe('—');
  });

  it('formats percentages with more decimals the smaller they are', () => {
    expect(formatPercent(0.04, 'en')).toBe('0.04%');
    expect(formatPercent(5.56, 'en')).toBe('5.6%');
    expect(formatPercent(87.4, 'en')).toBe('87%');
  });

  it('formats a clock time without the date, on 24 hours', () => {
    const time = Date.UTC(2025, 0, 1, 14, 5, 9);
    const expected = new Date(time).toLocaleTimeString('en', { hour12: false });
    expect(formatClock(time, 'en')).toBe(expected);
  });

  it('says "now" for anything within ten seconds', () => {
    expect(formatRelativeTime(1000, 5000, 'en')).toBe('now');
    expect(formatRelativeTime(1000, 5000, 'zh-CN')).toBe('现在');
  });

  it('formats how long something lasted in its largest unit, rounded down, in both languages', () => {
    const minute = 60_000;
    expect(formatDuration(20_000, 'en')).toBe('< 1 min');
    expect(formatDuration(5 * minute + 59_000, 'en')).toBe('5 min');
    expect(formatDuration(2 * 60 * minute + 10 * minute, 'en')).toBe('2 hr');
    expect(formatDuration(47 * 60 * minute, 'en')).toBe('47 hr');
    expect(formatDuration(3 * 24 * 60 * minute, 'en')).toBe('3 days');
    expect(formatDuration(5 * minute, 'zh-CN')).toBe('5分钟');
    expect(formatDuration(2 * 60 * minute, 'zh-CN')).toBe('2小时');
    expect(formatDuration(3 * 24 * 60 * minute, 'zh-CN')).toBe('3天');
    expect(formatDuration(-1, 'en')).toBe('—');
  });
});
