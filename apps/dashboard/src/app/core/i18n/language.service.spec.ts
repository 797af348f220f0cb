import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { provideTestI18n } from '../../../testing/test-providers';
import { STORAGE_KEYS } from '../storage/browser-storage';
import { LanguageService } from './language.service';

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
    TestBed.configureTestingModule({ providers: [provideTestI18n('en')] });
  });

  it('starts with the active language and puts it on <html lang>', () => {
    const service = TestBed.inject(LanguageService);
    expect(service.lang()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches language without a reload: text, signal, <html lang> and memory', () => {
    const service = TestBed.inject(LanguageService);
    const transloco = TestBed.inject(TranslocoService);
    expect(transloco.translate('header.login')).toBe('Log in');

    service.use('zh-CN');

    expect(service.lang()).toBe('zh-CN');
    expect(transloco.getActiveLang()).toBe('zh-CN');
    expect(transloco.translate('header.login')).toBe('登录');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(STORAGE_KEYS.lang)).toBe('zh-CN');
  });
});
