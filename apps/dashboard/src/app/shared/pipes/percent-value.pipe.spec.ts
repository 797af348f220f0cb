import { PercentValuePipe } from './percent-value.pipe';

describe('PercentValuePipe', () => {
  const pipe = new PercentValuePipe();

  it('treats its input as a percentage already', () => {
    expect(pipe.transform(12.5, 'en')).toBe('13%');
    expect(pipe.transform(0.32, 'zh-CN')).toBe('0.32%');
    expect(pipe.transform(0, 'en')).toBe('0%');
  });

  it('shows a dash without a value', () => {
    expect(pipe.transform(null, 'en')).toBe('—');
  });
});
