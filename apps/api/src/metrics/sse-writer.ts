import { Logger, type MessageEvent } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable, Subscription } from 'rxjs';

function lines(value: string, prefix: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => `${prefix}${line}\n`)
    .join('');
}

const sanitize = (value: unknown) => String(value).replace(/[\r\n]/g, '');
const present = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/**
 * The wire form of one message, made once per message object: a metric event is one object
 * shared by every viewer of its Space (see MetricsHubService.listen), so a thousand viewers
 * cost one formatting. Nest's format (`event:`, `id:`, `retry:`, `: comment` lines, `data:`
 * lines, a blank line; object data as JSON), except that no `id:` is invented: Nest numbered
 * events per connection, which made every viewer's bytes different and meant nothing here
 * (the server keeps no history to resume from a Last-Event-ID).
 */
const frames = new WeakMap<object, string>();

export function formatMessage(message: MessageEvent): string {
  const cached = frames.get(message);
  if (cached !== undefined) return cached;
  let frame = present(message.type) ? `event: ${sanitize(message.type)}\n` : '';
  if (present(message.id)) frame += `id: ${sanitize(message.id)}\n`;
  if (present(message.retry)) frame += `retry: ${sanitize(message.retry)}\n`;
  if (present(message.comment)) frame += lines(String(message.comment), ': ');
  if (present(message.data)) frame += lines(typeof message.data === 'string' ? message.data : JSON.stringify(message.data), 'data: ');
  frame += '\n';
  frames.set(message, frame);
  return frame;
}

/**
 * One distinct sequence of messages queued in the current event-loop turn. Viewers that
 * receive the same messages in the same order (every viewer of the same Spaces, in a
 * burst of samples) walk the same nodes, so the bytes of their write are encoded once and
 * the same Buffer goes to each socket.
 */
class BatchNode {
  private children: Map<object, BatchNode> | null = null;
  private encoded: Buffer | null = null;

  constructor(readonly text: string) {}

  append(message: MessageEvent): BatchNode {
    this.children ??= new Map();
    let child = this.children.get(message);
    if (!child) {
      child = new BatchNode(this.text + formatMessage(message));
      this.children.set(message, child);
    }
    return child;
  }

  bytes(): Buffer {
    this.encoded ??= Buffer.from(this.text, 'utf8');
    return this.encoded;
  }
}

/** The writers with messages queued in this turn, flushed together once its I/O callbacks have run. */
class TurnFlusher {
  root = new BatchNode('');
  private readonly pending = new Set<SseWriter>();
  private scheduled = false;

  schedule(writer: SseWriter): void {
    this.pending.add(writer);
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: every upstream event read in this turn is in.
    setImmediate(() => {
      this.scheduled = false;
      const writers = [...this.pending];
      this.pending.clear();
      for (const writer of writers) writer.flush();
      this.root = new BatchNode('');
    });
  }
}

const flusher = new TurnFlusher();

export interface SseWriterOptions {
  /**
   * Characters that may wait for a client that is not reading before it is dropped (its
   * EventSource reconnects) rather than buffered without limit.
   */
  maxPendingCharacters: number;
}

/**
 * One Server-Sent Events response, written by hand rather than through `@Sse`, for fan-out.
 * Nest's SSE pipeline costs a JSON encoding, several stream hops and one socket write per
 * event per client; at 1000 viewers of 50 Spaces (50 000 events a second, in bursts when
 * the samples of many Spaces arrive together) it saturated a core and the latency reached
 * seconds. Here a shared message is formatted once (see formatMessage), the messages of one
 * event-loop turn go out in one write, and viewers with the same messages share its bytes.
 *
 * It keeps Nest's promises: headers go out at once (with Nest's SSE headers), a client that
 * stops reading is dropped past `maxPendingCharacters` with Nest's warning, the producer is
 * unsubscribed when the connection closes, and an error after the headers becomes an
 * `error` event that ends the stream.
 */
export class SseWriter {
  private static readonly logger = new Logger('SseWriter');
  /** What this writer queued in the current turn, or null. */
  private queued: BatchNode | null = null;
  private subscription: Subscription | null = null;
  private closed = false;

  constructor(
    private readonly response: Response,
    private readonly options: SseWriterOptions,
  ) {}

  /** Sends the headers, then the events of `events` until either side ends. */
  stream(events: Observable<MessageEvent>): void {
    const response = this.response;
    const socket = response.req.socket;
    socket.setKeepAlive(true);
    socket.setNoDelay(true);
    socket.setTimeout(0);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      Connection: 'keep-alive',
      'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
      Pragma: 'no-cache',
      Expire: '0',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    // As Nest does: a first byte, which some proxies wait for, and which dispatches no event.
    response.write('\n');
    response.once('close', () => this.close());
    if (response.destroyed) {
      this.close();
      return;
    }
    this.subscription = events.subscribe({
      next: (message) => this.send(message),
      error: (error: unknown) => {
        SseWriter.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        this.send({ type: 'error', data: 'Internal server error' });
        this.flush();
        this.end();
      },
      complete: () => {
        this.flush();
        this.end();
      },
    });
    if (this.closed) this.subscription.unsubscribe();
  }

  /** Queues one event for this turn's write. */
  send(message: MessageEvent): void {
    if (this.closed) return;
    this.queued = (this.queued ?? flusher.root).append(message);
    flusher.schedule(this);
  }

  /** Writes what this turn queued, in one write; drops a client that has stopped reading. */
  flush(): void {
    const queued = this.queued;
    this.queued = null;
    if (this.closed || queued === null) return;
    const chunk = queued.bytes();
    const pending = this.response.writableLength + chunk.length;
    if (this.response.writableNeedDrain && pending > this.options.maxPendingCharacters) {
      SseWriter.logger.warn(
        `The client is not reading its events: ${pending} character(s) of events are queued for it, which exceeds the maximum allowed ${this.options.maxPendingCharacters}`,
      );
      this.response.destroy();
      this.close();
      return;
    }
    this.response.write(chunk);
  }

  private end(): void {
    if (this.closed) return;
    this.response.end();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queued = null;
    this.subscription?.unsubscribe();
  }
}
