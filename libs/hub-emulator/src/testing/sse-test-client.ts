import { createParser, type EventSourceMessage } from 'eventsource-parser';

interface Waiter {
  predicate: (message: EventSourceMessage) => boolean;
  resolve: (message: EventSourceMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A Server-Sent Events reader over real HTTP for specs: keeps the raw text (to check
 * framing), the parsed events and comments, and lets a spec await the next event.
 */
export class SseTestClient {
  readonly events: EventSourceMessage[] = [];
  readonly comments: string[] = [];
  raw = '';
  /** Resolves when the server ends the stream ('end') or the connection breaks ('error'). */
  readonly ended: Promise<'end' | 'error'>;
  private readonly waiters = new Set<Waiter>();
  private cursor = 0;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    const parser = createParser({
      onEvent: (message) => {
        this.events.push(message);
        for (const waiter of [...this.waiters]) this.offer(waiter);
      },
      onComment: (comment) => this.comments.push(comment),
    });
    this.ended = this.pump(parser.feed.bind(parser)).then((how) => {
      this.rejectWaiters(new Error(`SSE stream ended (${how}) before a matching event; got ${JSON.stringify(this.events)}`));
      return how;
    });
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseTestClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    return new SseTestClient(response, abort);
  }

  get status(): number {
    return this.response.status;
  }

  /** The next event after those already returned, optionally the next that matches. */
  next(predicate: (message: EventSourceMessage) => boolean = () => true, timeoutMs = 15_000): Promise<EventSourceMessage> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`No matching SSE event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.offer(waiter);
    });
  }

  /** Waits until `count` events in total have arrived. */
  async take(count: number, timeoutMs = 15_000): Promise<EventSourceMessage[]> {
    while (this.events.length < count) await this.next(() => true, timeoutMs);
    return this.events.slice(0, count);
  }

  async waitForRaw(fragment: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.raw.includes(fragment)) {
      if (Date.now() > deadline) throw new Error(`"${fragment}" not seen within ${timeoutMs} ms; raw: ${this.raw}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.abort.abort();
    this.rejectWaiters(new Error('SSE client closed'));
  }

  private rejectWaiters(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }

  private offer(waiter: Waiter): void {
    while (this.cursor < this.events.length) {
      const message = this.events[this.cursor++] as EventSourceMessage;
      if (waiter.predicate(message)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(message);
        return;
      }
    }
  }

  private async pump(feed: (chunk: string) => void): Promise<'end' | 'error'> {
    const body = this.response.body;
    if (!body) return 'end';
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'end';
        const text = decoder.decode(value, { stream: true });
        this.raw += text;
        feed(text);
      }
    } catch {
      return 'error';
    }
  }
}
