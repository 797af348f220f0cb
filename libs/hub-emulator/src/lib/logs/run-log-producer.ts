import { isRunningStage } from '../hub/stages';
import { Prng } from '../random/prng';
import { DemandTicker } from '../state/demand-ticker';
import type { HubStore } from '../state/hub-store';
import type { SpaceRecord } from '../state/space-record';
import type { Timers } from '../state/timers';
import type { LogBook, LogKind } from './log-book';
import { requestLine } from './log-lines';

/** Access-log lines for running Spaces whose run log someone follows. */
export class RunLogProducer {
  private readonly tickers = new Map<string, DemandTicker>();
  private readonly listeners = new Map<string, number>();
  private book: LogBook | null = null;

  constructor(
    private readonly store: HubStore,
    private readonly timers: Timers,
    private readonly intervalMs: number,
  ) {
    store.onAnyStage(({ space }) => this.reconcile(space));
  }

  /** The book is built with this producer's listener hook, so it is attached afterwards. */
  attach(book: LogBook): void {
    this.book = book;
  }

  listenersChanged(spaceId: string, kind: LogKind, count: number): void {
    if (kind !== 'run') return;
    this.listeners.set(spaceId, count);
    const space = this.store.spaceById(spaceId);
    if (space) this.reconcile(space);
  }

  private reconcile(space: SpaceRecord): void {
    const active = (this.listeners.get(space.id) ?? 0) > 0 && isRunningStage(space.runtime.stage);
    let ticker = this.tickers.get(space.id);
    if (!ticker && !active) return;
    if (!ticker) {
      const prng = new Prng(this.store.seed, 'run-log', space.id);
      ticker = new DemandTicker(this.timers, this.intervalMs, () => this.book?.append(space.id, 'run', requestLine(prng)));
      this.tickers.set(space.id, ticker);
    }
    ticker.set(active);
  }
}
