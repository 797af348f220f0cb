import type { DatabaseKind } from './database';

export interface DatabaseHealth {
  kind: DatabaseKind;
  reachable: boolean;
  /** Why not, in a few words and the error's code (never the message, which may name an internal host); null while reachable. */
  error: string | null;
  /** Epoch ms of the last change between reachable and not. */
  since: number;
  /** Writes waiting for the database. */
  queuedWrites: number;
}

type Listener = (health: Readonly<Omit<DatabaseHealth, 'queuedWrites'>>) => void;

/** Whether the database answers, as the write queue and the heartbeat last found it. */
export class DatabaseStatus {
  private reachableNow = true;
  private lastError: string | null = null;
  private changedAt = Date.now();
  private readonly listeners = new Set<Listener>();

  constructor(readonly kind: DatabaseKind) {}

  get reachable(): boolean {
    return this.reachableNow;
  }

  snapshot(queuedWrites: number): DatabaseHealth {
    return { kind: this.kind, reachable: this.reachableNow, error: this.lastError, since: this.changedAt, queuedWrites };
  }

  /** Calls `listener` on every change between reachable and not; answers how to stop. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  up(): void {
    if (this.reachableNow) return;
    this.set(true, null);
  }

  down(error: string): void {
    if (!this.reachableNow) {
      this.lastError = error;
      return;
    }
    this.set(false, error);
  }

  private set(reachable: boolean, error: string | null): void {
    this.reachableNow = reachable;
    this.lastError = error;
    this.changedAt = Date.now();
    const health = { kind: this.kind, reachable, error, since: this.changedAt };
    for (const listener of this.listeners) listener(health);
  }
}
