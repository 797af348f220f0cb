/**
 * Runs each scheduled callback once, after the current event-loop turn's I/O callbacks
 * (setImmediate). The samples of many Spaces that arrive in one burst are read in one
 * turn, so a viewer that batches until then sends them as one event.
 */
export class TurnScheduler {
  private readonly pending = new Set<() => void>();
  private scheduled = false;

  schedule(callback: () => void): void {
    this.pending.add(callback);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const callbacks = [...this.pending];
      this.pending.clear();
      for (const each of callbacks) each();
    });
  }

  cancel(callback: () => void): void {
    this.pending.delete(callback);
  }
}
