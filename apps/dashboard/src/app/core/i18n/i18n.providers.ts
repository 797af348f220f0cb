import { inject, isDevMode, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { provideTransloco, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { STORAGE_KEYS, readStored } from '../storage/browser-storage';
import { APP_LANGS, resolveInitialLang } from './app-lang';
import { LanguageService } from './language.service';
import { BundledTranslationLoader } from './translation-loader';

export function provideI18n(): EnvironmentProviders[] {
  const initial = resolveInitialLang(readStored(STORAGE_KEYS.lang), globalThis.navigator?.languages ?? []);
  return [
    ...provideTransloco({
      config: {
        availableLangs: [...APP_LANGS],
        defaultLang: initial,
        fallbackLang: 'en',
        reRenderOnLangChange: true,
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
        prodMode: !isDevMode(),
      },
      loader: BundledTranslationLoader,
    }),
    // Loading the dictionary before the first render avoids a flash of raw keys.
    provideAppInitializer(() => {
      inject(LanguageService);
      return firstValueFrom(inject(TranslocoService).load(initial));
    }),
  ];
}
