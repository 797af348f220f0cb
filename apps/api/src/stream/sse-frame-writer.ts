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
 */
export function writeFramesUnderSse(frames: Observable<Buffer>, response: ServerResponse): Observable<MessageEvent> {
  return new Observable<MessageEvent>((nest) => {
    nest.next({ comment: '' } as MessageEvent);
    if (!response.headersSent) {
      nest.error(new Error('The event stream headers were not sent with the first event: frames cannot be written'));
      return;
    }
    return frames.subscribe({
      next: (frame) => {
        if (response.writableEnded || response.destroyed) return;
        if (response.writableLength > MAX_PENDING_BYTES) {
          logger.warn(`The client is not reading its events: ${response.writableLength} bytes wait for it, more than the ${MAX_PENDING_BYTES} allowed; dropped`);
          response.destroy();
          return;
        }
        response.write(frame);
      },
      error: (error: unknown) => nest.error(error),
      complete: () => nest.complete(),
    });
  });
}
