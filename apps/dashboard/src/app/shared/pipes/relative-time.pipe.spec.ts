import { RelativeTimePipe } from './relative-time.pipe';

describe('RelativeTimePipe', () => {
  const pipe = new RelativeTimePipe();
  const now = Date.parse('2025-06-15T12:00:00.000Z');
  const ago = (ms: number): string => new Date(now - ms).toISOString();
  const minute = 60_000;
  const day = 24 * 60 * minute;

  it('speaks English', () => {
    expect(pipe.transform(ago(3 * minute), now, 'en')).toBe('3 minutes ago');
    expect(pipe.transform(ago(2 * 60 * minute), now, 'en')).toBe('2 hours ago');
    expect(pipe.transform(ago(day), now, 'en')).toBe('yesterday');
    expect(pipe.transform(ago(45 * day), now, 'en')).toBe('last month');
    expect(pipe.transform(ago(3 * 365 * day), now, 'en')).toBe('3 years ago');
  });

  it('speaks Chinese', () => {
    expect(pipe.transform(ago(3 * minute), now, 'zh-CN')).toBe('3分钟前');
    expect(pipe.transform(ago(2 * 60 * minute), now, 'zh-CN')).toBe('2小时前');
    expect(pipe.transform(ago(day), now, 'zh-CN')).toBe('昨天');
    expect(pipe.transform(ago(5 * 1000), now, 'zh-CN')).toBe('现在');
  });

  it('accepts epoch milliseconds as well as ISO strings', () => {
    expect(pipe.transform(now - 30 * minute, now, 'en')).toBe('30 minutes ago');
  });

  it('shows a dash for a missing or unreadable time', () => {
    expect(pipe.transform(null, now, 'en')).toBe('—');
    expect(pipe.transform('not a date', now, 'en')).toBe('—');
  });
});
