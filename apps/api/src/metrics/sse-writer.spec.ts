import { Logger, type MessageEvent } from '@nestjs/common';
import type { Response } from 'express';
import { EventEmitter } from 'node:events';
import { Subject } from 'rxjs';
import { SseWriter, formatMessage } from './sse-writer';

/** What SseWriter uses of an Express response, recording what is written. */
class FakeResponse extends EventEmitter {
  readonly writes: Array<string | Buffer> = [];
  readonly headers: Record<string, string> = {};
  status = 0;
  destroyed = false;
  ended = false;
  writableLength = 0;
  writableNeedDrain = false;
  readonly req = { socket: { setKeepAlive: jest.fn(), setNoDelay: jest.fn(), setTimeout: jest.fn() } };

  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    Object.assign(this.headers, headers);
    return this;
  }

  flushHeaders(): void {
    // Headers are "sent" by writeHead in this fake.
  }

  write(chunk: string | Buffer): boolean {
    this.writes.push(chunk);
    return true;
  }

  end(): this {
    this.ended = true;
    return this;
  }

  destroy(): this {
    this.destroyed = true;
    this.emit('close');
    return this;
  }

  /** The events written, as text (the first write is Nest's opening newline). */
  text(): string {
    return this.writes.map((chunk) => chunk.toString()).join('');
  }

  asResponse(): Response {
    return this as unknown as Response;
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function open(options = { maxPendingCharacters: 1024 }) {
  const response = new FakeResponse();
  const events = new Subject<MessageEvent>();
  new SseWriter(response.asResponse(), options).stream(events);
  return { response, events };
}

describe('formatMessage', () => {
  it("writes Nest's SSE format: event, id, retry, comment and data lines, then a blank line", () => {
    expect(formatMessage({ type: 'metric', data: { a: 1 } })).toBe('event: metric\ndata: {"a":1}\n\n');
    expect(formatMessage({ data: 'one\ntwo' })).toBe('data: one\ndata: two\n\n');
    expect(formatMessage({ comment: 'heartbeat' } as MessageEvent)).toBe(': heartbeat\n\n');
    expect(formatMessage({ type: 'x\ny', id: '7', retry: 1000, data: 'd' })).toBe('event: xy\nid: 7\nretry: 1000\ndata: d\n\n');
  });

  it('formats a message object once, however many viewers send it', () => {
    const toJSON = jest.fn(() => ({ spaceId: 'a/b' }));
    const shared: MessageEvent = { type: 'metric', data: { toJSON } };
    const first = formatMessage(shared);
    expect(formatMessage(shared)).toBe(first);
    expect(toJSON).toHaveBeenCalledTimes(1);
  });
});

describe('SseWriter', () => {
  it("sends Nest's SSE headers and a first newline at once", () => {
    const { response } = open();
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'Content-Type': 'text/event-stream', 'Cache-Control': expect.stringContaining('no-transform'), 'X-Accel-Buffering': 'no' });
    expect(response.writes).toEqual(['\n']);
  });

  it('writes the events of one event-loop turn in a single write, in order', async () => {
    const { response, events } = open();
    events.next({ type: 'metric', data: '{"n":1}' });
    events.next({ type: 'metric', data: '{"n":2}' });
    expect(response.writes).toHaveLength(1);
    await nextTurn();
    expect(response.writes).toHaveLength(2);
    expect(response.writes[1]?.toString()).toBe('event: metric\ndata: {"n":1}\n\nevent: metric\ndata: {"n":2}\n\n');
    events.next({ type: 'status', data: '{}' });
    await nextTurn();
    expect(response.writes).toHaveLength(3);
  });

  it('gives viewers that received the same messages the same bytes', async () => {
    const a = open();
    const b = open();
    const sample: MessageEvent = { type: 'metric', data: '{"spaceId":"a/b"}' };
    for (const viewer of [a, b]) viewer.events.next(sample);
    await nextTurn();
    expect(a.response.writes[1]).toBeInstanceOf(Buffer);
    expect(a.response.writes[1]).toBe(b.response.writes[1]);
  });

  it('drops a client that has stopped reading once more than the limit is pending, and stops its producer', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { response, events } = open({ maxPendingCharacters: 100 });
    response.writableNeedDrain = true;
    response.writableLength = 90;
    events.next({ data: 'x'.repeat(50) });
    await nextTurn();
    expect(response.destroyed).toBe(true);
    expect(events.observed).toBe(false);
    expect(String(warn.mock.calls[0]?.[0])).toContain('exceeds the maximum allowed 100');
    warn.mockRestore();
  });

  it('keeps a client whose socket is merely busy while it stays under the limit', async () => {
    const { response, events } = open({ maxPendingCharacters: 1000 });
    response.writableNeedDrain = true;
    response.writableLength = 100;
    events.next({ data: 'x' });
    await nextTurn();
    expect(response.destroyed).toBe(false);
    expect(response.text()).toContain('data: x\n');
  });

  it('unsubscribes from the producer when the connection closes, and writes nothing after', async () => {
    const { response, events } = open();
    events.next({ data: 'queued' });
    response.emit('close');
    expect(events.observed).toBe(false);
    await nextTurn();
    expect(response.writes).toEqual(['\n']);
  });

  it('ends the stream with an error event when the producer fails', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { response, events } = open();
    events.error(new Error('boom'));
    expect(response.text()).toContain('event: error\ndata: Internal server error\n\n');
    expect(response.text()).not.toContain('boom');
    expect(response.ended).toBe(true);
    error.mockRestore();
  });

  it('ends the stream, after what is queued, when the producer completes', () => {
    const { response, events } = open();
    events.next({ data: 'last' });
    events.complete();
    expect(response.text()).toContain('data: last\n');
    expect(response.ended).toBe(true);
  });
});
