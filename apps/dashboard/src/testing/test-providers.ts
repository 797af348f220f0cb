import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { importProvidersFrom, type EnvironmentProviders, type Provider } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { authInterceptor } from '../app/core/auth/auth.interceptor';
import type { AppLang } from '../app/core/i18n/app-lang';
import { provideAppIcons } from '../app/core/icons/app-icons';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';

/** The real dictionaries, so tests see the words users see. */
export const DICTIONARIES = { en, 'zh-CN': zhCN };

export function provideTestI18n(lang: AppLang = 'en'): EnvironmentProviders {
  return importProvidersFrom(
    TranslocoTestingModule.forRoot({
      langs: DICTIONARIES,
      translocoConfig: { availableLangs: ['en', 'zh-CN'], defaultLang: lang, reRenderOnLangChange: true },
      preloadLangs: true,
    }),
  );
}

/** What nearly every component test needs: i18n, icons, routing, and HTTP through the real interceptor. */
export function provideTestDefaults(lang: AppLang = 'en'): (Provider | EnvironmentProviders)[] {
  return [
    provideTestI18n(lang),
    provideAppIcons(),
    provideRouter([]),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
    // Dialogs and menus then open and close at once, without waiting for transitions.
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}
