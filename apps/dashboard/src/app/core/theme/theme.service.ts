import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { STORAGE_KEYS, readStored, writeStored } from '../storage/browser-storage';

export const THEME_MODES = ['system', 'light', 'dark'] as const;
export type ThemeMode = (typeof THEME_MODES)[number];
export type ColorScheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function isThemeMode(value: unknown): value is ThemeMode {
  return typeof value === 'string' && (THEME_MODES as readonly string[]).includes(value);
}

/**
 * One Material theme serves both schemes: its tokens resolve through `light-dark()`, so
 * choosing a theme is only a matter of the `color-scheme` of `<html>`.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly media = this.document.defaultView?.matchMedia?.(DARK_QUERY) ?? null;
  private readonly systemPrefersDark = signal(this.media?.matches ?? false);
  private readonly selected = signal<ThemeMode>(this.restore());

  readonly mode = this.selected.asReadonly();
  /** The scheme actually shown, resolving `system` through the OS preference. */
  readonly scheme = computed<ColorScheme>(() => {
    const mode = this.selected();
    if (mode !== 'system') return mode;
    return this.systemPrefersDark() ? 'dark' : 'light';
  });

  constructor() {
    this.media?.addEventListener('change', (event) => {
      this.systemPrefersDark.set(event.matches);
      this.applyThemeColor();
    });
    this.apply();
  }

  setMode(mode: ThemeMode): void {
    this.selected.set(mode);
    writeStored(STORAGE_KEYS.theme, mode);
    this.apply();
  }

  private restore(): ThemeMode {
    const stored = readStored(STORAGE_KEYS.theme);
    return isThemeMode(stored) ? stored : 'system';
  }

  private apply(): void {
    const mode = this.selected();
    this.document.documentElement.style.colorScheme = mode === 'system' ? 'light dark' : mode;
    this.document.documentElement.dataset['theme'] = mode;
    this.applyThemeColor();
  }

  /** The browser chrome (mobile address bar) takes the page's surface colour as resolved now. */
  private applyThemeColor(): void {
    const meta = this.document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
    const view = this.document.defaultView;
    if (!meta || !view) return;
    const surface = view.getComputedStyle(this.document.body).backgroundColor;
    if (surface) meta.content = surface;
  }
}
