import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { createParser } from 'eventsource-parser';

export interface ReceivedEvent {
  /** `message` when the server named none, as in the browser's EventSource. */
  event: string;
  data: string;
  /** `performance.now()` when it was parsed. */
  at: number;
}

/**
 * How a stream stopped: `end` (the server finished the response), `cut` (the connection
 * closed before the response was finished) or `client` (this side closed it). Either of
 * the first two means the server closed the stream.
 */
export type StreamEnd = 'end' | 'cut' | 'client';

/**
 * One Server-Sent Events connection on node:http, never reconnected, so a test sees who
 * closed the stream and how. @hfd/sse-client is the application's client: over `fetch`, it
 * reconnects and hides both, so this reads the stream with the parser that client is built on.
 */
export class EventStream {
  readonly events: ReceivedEvent[] = [];
  /** Resolves once the stream is over, with how it ended. */
  readonly ended: Promise<StreamEnd>;
  private closedByClient = false;
  private endedAs: StreamEnd | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    const parser = createParser({
      onEvent: (message) => {
        this.events.push({ event: message.event || 'message', data: message.data, at: performance.now() });
        for (const listener of [...this.listeners]) listener();
      },
    });
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => parser.feed(chunk));
    this.ended = new Promise((resolve) => {
      response.once('close', () => {
        this.endedAs = this.closedByClient ? 'client' : response.complete ? 'end' : 'cut';
        resolve(this.endedAs);
      });
    });
    // A cut connection is an outcome (`cut`), not an error for the test process.
    response.on('error', () => undefined);
  }

  /**
   * Connects, and resolves once the server answered 200 (then the stream may stay silent for
   * as long as it likes); any other status, or no answer within `timeoutMs`, rejects.
   */
  static open(url: string, timeoutMs = 30_000): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream' }, agent: false });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
      req.once('error', reject);
      req.once('response', (res) => {
        req.setTimeout(0);
        req.off('error', reject);
        // From here on a failing connection shows as how the stream ended.
        req.on('error', () => undefined);
        if (res.statusCode !== 200) {
          req.destroy();
          reject(new Error(`GET ${url} answered ${res.statusCode}`));
          return;
        }
        resolve(new EventStream(req, res));
      });
      req.end();
    });
  }

  /** How the stream ended, or null while it is open. */
  get end(): StreamEnd | null {
    return this.endedAs;
  }

  /** Resolves with the first event (already received or still to come) that matches. */
  next(predicate: (event: ReceivedEvent) => boolean, timeoutMs = 30_000): Promise<ReceivedEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.find(predicate);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No matching event within ${timeoutMs} ms; got ${this.events.map((event) => event.event).join(', ') || 'none'}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      if (!check()) this.listeners.add(check);
    });
  }

  close(): void {
    if (this.endedAs === null) this.closedByClient = true;
    this.req.destroy();
  }
}
