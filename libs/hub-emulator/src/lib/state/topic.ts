export type Listener<T> = (value: T) => void;

/** A set of listeners; `onCountChange` lets producers run only while someone listens. */
export class Topic<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly onCountChange?: (count: number) => void) {}

  get size(): number {
    return this.listeners.size;
  }

  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    this.onCountChange?.(this.listeners.size);
    return () => {
      if (this.listeners.delete(listener)) this.onCountChange?.(this.listeners.size);
    };
  }

  publish(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}
