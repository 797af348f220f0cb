import { Injectable, computed, signal } from '@angular/core';
import { STORAGE_KEYS, readStored, writeStored } from '../../../core/storage/browser-storage';

/** Cards or a compact list, each either one list for all accounts or grouped by account. */
export const VIEW_MODES = ['cards', 'cards-by-account', 'list', 'list-by-account'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

/** One list, problems first across every account: what someone checking on their Spaces wants first. */
export const DEFAULT_VIEW_MODE: ViewMode = 'cards';

function isViewMode(value: unknown): value is ViewMode {
  return typeof value === 'string' && (VIEW_MODES as readonly string[]).includes(value);
}

/**
 * How this browser likes the Spaces laid out, remembered like the theme: a preference of
 * the person, not part of a link (filters and sort are, in the URL).
 */
@Injectable({ providedIn: 'root' })
export class ViewPreferences {
  private readonly selected = signal<ViewMode>(this.restore());

  readonly mode = this.selected.asReadonly();
  readonly layout = computed<'cards' | 'list'>(() => (this.selected().startsWith('list') ? 'list' : 'cards'));
  readonly byAccount = computed(() => this.selected().endsWith('-by-account'));

  setMode(mode: ViewMode): void {
    this.selected.set(mode);
    writeStored(STORAGE_KEYS.view, mode);
  }

  private restore(): ViewMode {
    const stored = readStored(STORAGE_KEYS.view);
    return isViewMode(stored) ? stored : DEFAULT_VIEW_MODE;
  }
}
