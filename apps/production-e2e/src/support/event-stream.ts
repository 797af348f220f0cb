import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * How a stream stopped: `end` (the server finished the response), `cut` (the server closed
 * the connection without finishing it) or `client` (this side closed it). Either of the
 * first two means the server closed the stream.
 */
export type StreamEnd = 'end' | 'cut' | 'client';

/**
 * A bare Server-Sent Events reader on node:http, so a spec can tell who closed the stream
 * and how. Events are framed by blank lines; `event:` and `data:` fields only.
 */
export class EventStream {
  readonly events: StreamEvent[] = [];
  readonly ended: Promise<StreamEnd>;
  private buffer = '';
  private closedByClient = false;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.feed(chunk));
    this.ended = new Promise((resolve) => {
      response.once('end', () => resolve('end'));
      response.once('close', () => resolve(this.closedByClient ? 'client' : response.complete ? 'end' : 'cut'));
      response.once('error', () => undefined);
    });
  }

  static open(url: string, timeoutMs = 30_000): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream' }, agent: false }, (res) => resolve(new EventStream(req, res)));
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer in time`)));
      req.once('error', reject);
      req.end();
    });
  }

  /** Resolves with the first event (already received or coming) that matches. */
  next(predicate: (event: StreamEvent) => boolean, timeoutMs = 30_000): Promise<StreamEvent> {
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
        reject(new Error(`No matching event within ${timeoutMs} ms; got ${this.events.map((event) => event.event).join(', ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      if (!check()) this.listeners.add(check);
    });
  }

  close(): void {
    this.closedByClient = true;
    this.req.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    let boundary = this.buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary + 2);
      const fields = block.split('\n').filter((line) => line !== '' && !line.startsWith(':'));
      if (fields.length > 0) {
        const value = (name: string) =>
          fields
            .filter((line) => line.startsWith(`${name}:`))
            .map((line) => line.slice(name.length + 1).replace(/^ /, ''))
            .join('\n');
        this.events.push({ event: value('event') || 'message', data: value('data') });
        for (const listener of [...this.listeners]) listener();
      }
      boundary = this.buffer.indexOf('\n\n');
    }
  }
}
