import { BytesPerSecondPipe } from './bytes-per-second.pipe';

describe('BytesPerSecondPipe', () => {
  const pipe = new BytesPerSecondPipe();

  it('shows rates in B/s, KB/s and MB/s', () => {
    expect(pipe.transform(140, 'en')).toBe('140 B/s');
    expect(pipe.transform(3123, 'en')).toBe('3.05 KB/s');
    expect(pipe.transform(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB/s');
  });

  it('uses the language for number formatting', () => {
    expect(pipe.transform(1_000, 'en')).toBe('1,000 B/s');
    expect(pipe.transform(1_000, 'de')).toBe('1.000 B/s');
    expect(pipe.transform(1_000, 'zh-CN')).toBe('1,000 B/s');
  });

  it('shows a dash when there is no sample', () => {
    expect(pipe.transform(null, 'en')).toBe('—');
    expect(pipe.transform(undefined, 'zh-CN')).toBe('—');
  });
});
