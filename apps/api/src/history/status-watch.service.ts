import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SPACE_STAGES, UNKNOWN_STAGE, type RuntimeStage } from '@hfd/contracts';
import type { Subscription } from 'rxjs';
import { HfClientService } from '../hf-client/hf-client.service';
import { HubTarget } from '../hub-target/hub-target';
import { accountByName } from '../spaces/account-by-name';
import { InventoryService } from '../spaces/inventory.service';

/** Why a Space is watched: a viewer on its page, later an automation or an alert rule. */
export type WatchReason = 'viewer' | 'automation' | 'alert-rule';

interface Watch {
  reasons: Map<WatchReason, number>;
  subscription: Subscription;
}

const KNOWN_STAGES = new Set<string>(SPACE_STAGES);

/**
 * Holds the Hub's status stream (hub-api.md §8.2) of every Space whose transitions matter
 * now, one connection per Space however many reasons it has, and feeds each stage it sends
 * into the inventory as a `stream` change: a crash and auto-restart between two refreshes is
 * then still seen. Every other Space is covered by the refresh alone (the cost of each is in
 * docs/architecture.md).
 */
@Injectable()
export class StatusWatchService implements OnModuleDestroy {
  private readonly logger = new Logger(StatusWatchService.name);
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly hf: HfClientService,
    private readonly hub: HubTarget,
    private readonly inventory: InventoryService,
  ) {}

  /** The ids watched now. */
  get watched(): string[] {
    return [...this.watches.keys()];
  }

  /** Watches the Space for `reason` until the answered function is called (once). */
  watch(spaceId: string, reason: WatchReason): () => void {
    let watch = this.watches.get(spaceId);
    if (!watch) {
      const token = accountByName(this.hub.accounts, spaceId.split('/')[0])?.token ?? null;
      const subscription = this.hf.statusEvents(spaceId, token).subscribe({
        next: (stage) => this.apply(spaceId, stage),
        error: (error: unknown) => {
          this.logger.warn(`The status stream of ${spaceId} ended: ${error instanceof Error ? error.message : String(error)}; the refresh covers it`);
          this.watches.delete(spaceId);
        },
      });
      watch = { reasons: new Map(), subscription };
      this.watches.set(spaceId, watch);
    }
    const held = watch;
    held.reasons.set(reason, (held.reasons.get(reason) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (held.reasons.get(reason) ?? 1) - 1;
      if (count > 0) held.reasons.set(reason, count);
      else held.reasons.delete(reason);
      if (held.reasons.size === 0 && this.watches.get(spaceId) === held) {
        held.subscription.unsubscribe();
        this.watches.delete(spaceId);
      }
    };
  }

  onModuleDestroy(): void {
    for (const watch of this.watches.values()) watch.subscription.unsubscribe();
    this.watches.clear();
  }

  private apply(spaceId: string, raw: string): void {
    const space = this.inventory.find(spaceId);
    if (!space?.runtime) return;
    const stage: RuntimeStage = KNOWN_STAGES.has(raw) ? (raw as RuntimeStage) : UNKNOWN_STAGE;
    // The stream carries the stage only; the rest of the runtime stays as last read.
    this.inventory.applyRuntime(space.id, { ...space.runtime, stage, errorMessage: stage === space.runtime.stage ? space.runtime.errorMessage : null }, 'stream');
  }
}
