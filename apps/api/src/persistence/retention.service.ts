import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Persistence, pruneOlderThan } from '@hfd/persistence';
import { AppConfigService } from '../config/app-config.service';
import { HistoryClock } from '../history/history-clock';

const DAY_MS = 86_400_000;
/** Rows per delete: a few milliseconds of work, so requests keep being served while it runs. */
const BATCH_SIZE = 1000;

/** Deletes what is older than HISTORY_RETENTION: once at start (a server restarted daily still prunes), then every day. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionService.name);
  private readonly retentionMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly persistence: Persistence,
    config: AppConfigService,
    // The history's own clock: rows are aged by the time they were stamped with.
    private readonly clock: HistoryClock,
  ) {
    this.retentionMs = config.get('HISTORY_RETENTION');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), DAY_MS);
    this.timer.unref();
    void this.prune();
  }

  /** No more passes; resolves once the one running (if any) is over, before the database closes. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every table with rows that age out; a pass already running is not doubled. */
  prune(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      const deleted = await pruneOlderThan(this.persistence.prunable, this.clock.now() - this.retentionMs, { batchSize: BATCH_SIZE });
      const summary = Object.entries(deleted).filter(([, count]) => count > 0);
      if (summary.length > 0) this.logger.log(`Deleted rows older than HISTORY_RETENTION: ${summary.map(([table, count]) => `${count} from ${table}`).join(', ')}`);
    } catch (error) {
      // The database may be away; the next day's pass catches up.
      this.logger.warn(`Pruning old rows failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
