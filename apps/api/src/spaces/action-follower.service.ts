import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SETTLED_STAGES, type SpaceRuntime } from '@hfd/contracts';
import { EMPTY, Subscription, catchError, exhaustMap, from, map, takeUntil, takeWhile, timer } from 'rxjs';
import { HfClientService } from '../hf-client/hf-client.service';
import { InventoryService } from './inventory.service';
import { toRuntime } from './space.mapper';

/** How often the runtime of a Space is read after an action. */
export const FOLLOW_INTERVAL_MS = 2000;
/** A factory rebuild can take long, but following never goes on forever. */
export const FOLLOW_LIMIT_MS = 20 * 60_000;
/** A settled stage seen this many times in a row ends following even if no change was seen. */
const SETTLED_POLLS_TO_STOP = 3;

/**
 * After an action, reads the Space's runtime every ~2 s until it settles, so each stage
 * change reaches open dashboards within seconds instead of at the next refresh.
 */
@Injectable()
export class ActionFollowerService implements OnModuleDestroy {
  private readonly logger = new Logger(ActionFollowerService.name);
  private readonly following = new Map<string, Subscription>();

  constructor(
    private readonly hf: HfClientService,
    private readonly inventory: InventoryService,
  ) {}

  /** `actor` caused the action: the changes that follow are its doing. */
  follow(id: string, token: string | null, actor: string | null = null, source: 'action' | 'automation' = 'action'): void {
    this.following.get(id)?.unsubscribe();
    let sawChange = false;
    let settledPolls = 0;
    const isDone = (runtime: SpaceRuntime): boolean => {
      if (!SETTLED_STAGES.includes(runtime.stage)) {
        sawChange = true;
        settledPolls = 0;
        return false;
      }
      settledPolls += 1;
      return sawChange || settledPolls >= SETTLED_POLLS_TO_STOP;
    };
    const subscription = timer(FOLLOW_INTERVAL_MS, FOLLOW_INTERVAL_MS)
      .pipe(
        exhaustMap(() =>
          from(this.hf.runtime(id, token)).pipe(
            map(toRuntime),
            // One failed read does not end following: the next tick tries again.
            catchError((error: unknown) => {
              this.logger.warn(`Following ${id}: ${error instanceof Error ? error.message : String(error)}`);
              return EMPTY;
            }),
          ),
        ),
        takeWhile((runtime) => {
          this.inventory.applyRuntime(id, runtime, source, actor);
          return !isDone(runtime);
        }),
        takeUntil(timer(FOLLOW_LIMIT_MS)),
      )
      .subscribe({
        complete: () => {
          if (this.following.get(id) === subscription) this.following.delete(id);
        },
      });
    this.following.set(id, subscription);
  }

  onModuleDestroy(): void {
    for (const subscription of this.following.values()) subscription.unsubscribe();
    this.following.clear();
  }
}
