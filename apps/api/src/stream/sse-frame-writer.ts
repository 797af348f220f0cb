import { Logger, type MessageEvent } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';

/**
 * Bytes of frames allowed to wait for a client before it is dropped: a client too slow to
 * keep up is disconnected (its EventSource reconnects) rather than buffered without limit.
 * A connection carries one stream and nothing else, so this bounds what waits per connection.
 */
export const MAX_PENDING_BYTES = 1024 * 1024;

const logger = new Logger('SseFrameWriter');

const chunks = new WeakMap<Buffer, Buffer>();

/**
 * `frame` as one chunk of a chunked HTTP/1.1 body (RFC 9112 §7.1): its size in hex, the
 * bytes, a line end. Made once per frame, as the frame is, for every response it goes to.
 */
export function chunkOf(frame: Buffer): Buffer {
  let chunk = chunks.get(frame);
  if (chunk === undefined) {
    chunk = Buffer.concat([Buffer.from(`${frame.length.toString(16)}\r\n`, 'latin1'), frame, Buffer.from('\r\n', 'latin1')]);
    chunks.set(frame, chunk);
  }
  return chunk;
}

/**
 * Serves frames made once for many viewers (see sseFrame) on a route of Nest's `@Sse`. Nest
 * keeps its part of the route: guards, pipes, the headers, the end of the stream when the
 * client leaves (its `@SseSignal`), the probe of a paused socket, HEAD. The frames go straight
 * to the response: Nest's own path formats every event for every connection (an id, a regular
 * expression over the data, a Transform stream, a promise), which a profile of 1000 viewers
 * found to be about a quarter of the server's work, and encodes each one to UTF-8 once per
 * connection again (docs/performance.md, "Frames written once").
 *
 * Nest commits the headers when it writes its first event, synchronously; nothing may be
 * written to the response before them, so that event comes first: a comment, which clients
 * ignore. Were Nest to stop doing so, the stream fails at once rather than send bytes before
 * its headers.
 *
 * On a chunked response (every HTTP/1.1 client) each frame goes to the socket as one write of
 * its chunk, framed once for every viewer (chunkOf): Node's `response.write` costs four socket
 * writes (size, line end, data, line end), a cork and a tick per call, for bytes that are the
 * same for every viewer of the frame. Whole chunks keep the body well framed whatever Nest
 * writes through the response between them (its probe of a paused socket, the end).
 */
export function writeFramesUnderSse(frames: Observable<Buffer>, response: ServerResponse): Observable<MessageEvent> {
  return new Observable<MessageEvent>((nest) => {
    nest.next({ comment: '' } as MessageEvent);
    if (!response.headersSent) {
      nest.error(new Error('The event stream headers were not sent with the first event: frames cannot be written'));
      return;
    }
    const socket = response.socket;
    return frames.subscribe({
      next: (frame) => {
        if (response.writableEnded || response.destroyed) return;
        if (response.writableLength > MAX_PENDING_BYTES) {
          logger.warn(`The client is not reading its events: ${response.writableLength} bytes wait for it, more than the ${MAX_PENDING_BYTES} allowed; dropped`);
          response.destroy();
          return;
        }
        if (response.chunkedEncoding && socket !== null && !socket.destroyed) socket.write(chunkOf(frame));
        else response.write(frame);
      },
      error: (error: unknown) => nest.error(error),
      complete: () => nest.complete(),
    });
  });
}
