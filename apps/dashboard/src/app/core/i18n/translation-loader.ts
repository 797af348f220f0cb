import { Injectable } from '@angular/core';
import type { Translation, TranslocoLoader } from '@jsverse/transloco';
import { from, map, type Observable } from 'rxjs';
import type { AppLang } from './app-lang';

/**
 * Dictionaries ship with the app as lazy chunks: no request to another origin, and only
 * the language in use is downloaded.
 */
const DICTIONARIES: Record<AppLang, () => Promise<{ default: Translation }>> = {
  en: () => import('../../../i18n/en.json'),
  'zh-CN': () => import('../../../i18n/zh-CN.json'),
};

@Injectable({ providedIn: 'root' })
export class BundledTranslationLoader implements TranslocoLoader {
  getTranslation(lang: string): Observable<Translation> {
    const load = DICTIONARIES[lang as AppLang] ?? DICTIONARIES.en;
    return from(load()).pipe(map((module) => module.default));
  }
}
