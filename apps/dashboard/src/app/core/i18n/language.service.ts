import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { STORAGE_KEYS, writeStored } from '../storage/browser-storage';
import type { AppLang } from './app-lang';

/** The active language as a signal, so pipes and formatters re-run when it changes. */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<AppLang>(this.transloco.getActiveLang() as AppLang);

  readonly lang = this.current.asReadonly();

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  use(lang: AppLang): void {
    writeStored(STORAGE_KEYS.lang, lang);
    // Switch only once the dictionary is here, so text, numbers and dates change together.
    this.transloco.load(lang).subscribe(() => {
      this.transloco.setActiveLang(lang);
      this.current.set(lang);
      this.document.documentElement.lang = lang;
    });
  }
}
