import type { Request, Response } from 'express';
import type { EmulatorCounters, StreamKind } from '../counters';
import type { FaultInjector } from '../faults/fault-injector';
import type { TimerHandle, Timers } from '../state/timers';

export interface SseDeps {
  timers: Timers;
  counters: EmulatorCounters;
  faults: FaultInjector;
  registry: StreamRegistry;
  keepAliveMs: number;
}

export interface SseOptions {
  kind: StreamKind;
  spaceId: string;
  /**
   * `comment` sends `: keep-alive` (metrics and status streams, like the Jobs streams);
   * `empty-data` sends an empty `data:` event, which HFH says Space logs do (docs/hub-api.md §7).
   */
  keepAlive: 'comment' | 'empty-data';
}

export interface SseEvent {
  event?: string;
  data: string;
  /** The data is JSON, so a `malformedEvery` fault may break it. */
  json: boolean;
}

/** Every open stream, so `close()` can end them and "hub down" can cut them. */
export class StreamRegistry {
  private readonly streams = new Set<SseStream>();

  add(stream: SseStream): void {
    this.streams.add(stream);
  }

  remove(stream: SseStream): void {
    this.streams.delete(stream);
  }

  endAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }

  destroyAll(): void {
    for (const stream of [...this.streams]) stream.destroy();
  }
}

/**
 * One Server-Sent Events response: standard framing (`event:`/`data:` lines, a blank
 * line after each event), periodic keep-alives, counted while open, and the stream
 * faults in force (drop after N events, malformed JSON every Nth event).
 */
export class SseStream {
  private events = 0;
  private keepAlive: TimerHandle | null = null;
  private finished = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly req: Request,
    private readonly res: Response,
    private readonly deps: SseDeps,
    private readonly options: SseOptions,
  ) {}

  open(): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache');
    this.res.setHeader('Connection', 'keep-alive');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.deps.registry.add(this);
    this.deps.counters.streamOpened(this.options.spaceId, this.options.kind);
    this.keepAlive = this.deps.timers.interval(this.deps.keepAliveMs, () =>
      this.write(this.options.keepAlive === 'comment' ? ': keep-alive\n\n' : 'data: \n\n'),
    );
    this.res.on('close', () => this.finish());
  }

  /** Runs when the stream ends for any reason: client gone, end(), destroy(). */
  onClose(cleanup: () => void): void {
    if (this.finished) cleanup();
    else this.cleanups.push(cleanup);
  }

  send(event: SseEvent): void {
    if (this.finished) return;
    this.events++;
    const policy = this.deps.faults.streamPolicy(this.options.kind, this.options.spaceId);
    let data = event.data;
    if (event.json && policy.malformedEvery !== undefined && this.events % policy.malformedEvery === 0) {
      // A strict prefix of a JSON object is never valid JSON.
      data = data.slice(0, Math.max(1, Math.floor(data.length / 2)));
    }
    const lines = data.split('\n').map((line) => `data: ${line}\n`);
    const drop = policy.dropAfterEvents !== undefined && this.events >= policy.dropAfterEvents;
    // The Nth event reaches the client before the cut.
    this.write(`${event.event ? `event: ${event.event}\n` : ''}${lines.join('')}\n`, drop ? () => this.destroy() : undefined);
    if (drop) this.finish();
  }

  /** A clean end of stream, as when a build finishes. */
  end(): void {
    if (this.finished) return;
    this.res.end();
    this.finish();
  }

  /** The connection is cut without a proper end, as a network failure would. */
  destroy(): void {
    this.req.socket.destroy();
    this.finish();
  }

  private write(chunk: string, flushed?: () => void): void {
    if (!this.finished && !this.res.writableEnded) this.res.write(chunk, flushed);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.keepAlive?.cancel();
    this.deps.registry.remove(this);
    this.deps.counters.streamClosed(this.options.spaceId, this.options.kind);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
