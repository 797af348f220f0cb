import type { StreamEventName } from '@hfd/contracts';

/**
 * One Server-Sent Event as the bytes that go on the wire, made once for every viewer it
 * reaches: the same frame object is written to each of their responses, with no per-viewer
 * formatting or UTF-8 encoding (see SseFrameWriter).
 *
 * `json` comes from JSON.stringify, which never writes a line break (CR, LF: the only ones
 * SSE knows, WHATWG HTML §9.2.5) outside a string and escapes those inside one, so it fits on
 * one `data:` line. The events carry no `id:`: nothing is replayed on reconnection (a
 * reconnecting viewer gets the whole inventory again), so a `Last-Event-ID` would name nothing.
 */
export function sseFrame(type: StreamEventName, json: string): Buffer {
  return Buffer.from(`event: ${type}\ndata: ${json}\n\n`);
}

/** A comment: proxies see traffic and keep the connection, EventSource clients see no message. */
export const HEARTBEAT_FRAME = Buffer.from(': heartbeat\n\n');
