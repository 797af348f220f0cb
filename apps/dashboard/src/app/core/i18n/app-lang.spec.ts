import { resolveInitialLang } from './app-lang';

describe('resolveInitialLang', () => {
  it('takes the remembered language first', () => {
    expect(resolveInitialLang('en', ['zh-CN'])).toBe('en');
    expect(resolveInitialLang('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('maps any Chinese browser language to zh-CN', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-TW', 'zh-Hans-SG', 'ZH-hk']) {
      expect(resolveInitialLang(null, [tag])).toBe('zh-CN');
    }
  });

  it('takes the first browser language it can serve', () => {
    expect(resolveInitialLang(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(resolveInitialLang(null, ['de', 'en-GB', 'zh'])).toBe('en');
  });

  it('falls back to English, ignoring a remembered value it does not know', () => {
    expect(resolveInitialLang('klingon', ['fr'])).toBe('en');
    expect(resolveInitialLang(null, [])).toBe('en');
  });
});
