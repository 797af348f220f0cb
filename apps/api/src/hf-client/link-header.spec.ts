import { parseNextLink } from './link-header';

describe('parseNextLink', () => {
  it('reads the Hub form', () => {
    const next = 'https://huggingface.co/api/spaces?author=a&limit=2&expand=runtime&cursor=eyJ';
    expect(parseNextLink(`<${next}>; rel="next"`)).toBe(next);
  });

  it('finds next among other relations, unquoted or multi-valued', () => {
    expect(parseNextLink('<https://h/p?page=1>; rel="prev", <https://h/p?a=1,2&page=3>; rel=next')).toBe('https://h/p?a=1,2&page=3');
    expect(parseNextLink('<https://h/x>;rel="last next"')).toBe('https://h/x');
    expect(parseNextLink('<https://h/x>; title="n"; REL="Next"')).toBe('https://h/x');
  });

  it('gives nothing on the last page', () => {
    expect(parseNextLink(null)).toBeUndefined();
    expect(parseNextLink('<https://h/first>; rel="first"')).toBeUndefined();
    expect(parseNextLink('garbage')).toBeUndefined();
  });
});
