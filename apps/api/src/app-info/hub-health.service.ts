import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { HfClientService } from '../hf-client/hf-client.service';

/** Whether the Hub answers, judged from every request the client makes anyway (no probing). */
@Injectable()
export class HubHealthService implements OnModuleDestroy {
  private lastSuccessAt: number | null = null;
  private lastFailureAt: number | null = null;
  private lastError: string | null = null;
  private readonly subscription: Subscription;

  constructor(hf: HfClientService) {
    this.subscription = hf.requests$.subscribe((event) => {
      // A 4xx is still the Hub answering; only no answer or a 5xx means it is down.
      if (event.status === 'error' || event.status >= 500) {
        this.lastFailureAt = Date.now();
        this.lastError = event.status === 'error' ? `${event.route}: no answer` : `${event.route}: HTTP ${event.status}`;
      } else {
        this.lastSuccessAt = Date.now();
      }
    });
  }

  get state(): { reachable: boolean; lastSuccessAt: string | null; error: string | null } {
    const reachable = this.lastSuccessAt !== null && (this.lastFailureAt === null || this.lastSuccessAt >= this.lastFailureAt);
    return {
      reachable,
      lastSuccessAt: this.lastSuccessAt === null ? null : new Date(this.lastSuccessAt).toISOString(),
      error: reachable ? null : (this.lastError ?? 'The Hub has not answered yet'),
    };
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
