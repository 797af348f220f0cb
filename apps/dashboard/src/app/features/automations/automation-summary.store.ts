import { DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';
import type { Automation, AutomationStep, ScheduleSettings } from '@hfd/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { AutomationsApiService } from './automations-api.service';

/** What a Space's card says about automation: the next scheduled action, and whether a ladder gave up on it. */
export interface SpaceAutomationSummary {
  next: { step: AutomationStep; at: string } | null;
  gaveUp: boolean;
}

/** The rules read again this often while someone is signed in: next runs move, ladders give up. */
const REFRESH_MS = 60_000;

/** Every rule the viewer may see, read once a minute, summarised per Space for the cards (one request for all of them). */
@Injectable({ providedIn: 'root' })
export class AutomationSummaryStore {
  private readonly api = inject(AutomationsApiService);
  private readonly session = inject(SessionStore);
  private readonly rules = signal<Automation[]>([]);
  private timer: ReturnType<typeof setInterval> | undefined;

  readonly bySpace = computed(() => {
    const summary = new Map<string, SpaceAutomationSummary>();
    for (const rule of this.rules()) {
      if (!rule.enabled) continue;
      for (const state of rule.spaces) {
        const key = state.spaceId.toLowerCase();
        const entry = summary.get(key) ?? { next: null, gaveUp: false };
        if (state.gaveUpAt !== null) entry.gaveUp = true;
        if (rule.kind === 'schedule' && state.nextRunAt !== null && (entry.next === null || state.nextRunAt < entry.next.at)) {
          entry.next = { step: (rule.settings as ScheduleSettings).action, at: state.nextRunAt };
        }
        summary.set(key, entry);
      }
    }
    return summary;
  });

  constructor() {
    effect(() => {
      clearInterval(this.timer);
      if (!this.session.loggedIn()) {
        this.rules.set([]);
        return;
      }
      this.load();
      this.timer = setInterval(() => this.load(), REFRESH_MS);
    });
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  of(spaceId: string): SpaceAutomationSummary | undefined {
    return this.bySpace().get(spaceId.toLowerCase());
  }

  private load(): void {
    this.api.list().subscribe({ next: (answer) => this.rules.set(answer.automations), error: () => this.rules.set([]) });
  }
}
