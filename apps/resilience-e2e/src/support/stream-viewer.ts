import { request, type ClientRequest } from 'node:http';
import type { MetricSample } from '@hfd/contracts';

export interface ViewerEvent {
  event: string;
  data: string;
  /** `performance.now()` when it arrived. */
  at: number;
}

/**
 * A viewer of `/api/v1/stream` on plain node:http, as a dashboard tab would hold it: one
 * connection, never reconnected, so any cut by the server shows as `disconnected`.
 */
export class StreamViewer {
  readonly events: ViewerEvent[] = [];
  private buffer = '';
  private closedByViewer = false;
  private cut: string | null = null;

  private constructor(private readonly req: ClientRequest) {}

  static open(url: string, timeoutMs = 30_000): Promise<StreamViewer> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream' }, agent: false });
      const viewer = new StreamViewer(req);
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
      req.once('error', reject);
      req.once('response', (res) => {
        req.setTimeout(0);
        if (res.statusCode !== 200) {
          req.destroy();
          reject(new Error(`GET ${url} answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => viewer.feed(chunk));
        res.once('close', () => {
          if (!viewer.closedByViewer) viewer.cut = res.complete ? 'the server ended the stream' : 'the connection was cut';
        });
        res.once('error', () => undefined);
        req.off('error', reject);
        req.on('error', () => undefined);
        resolve(viewer);
      });
      req.end();
    });
  }

  /** Why the stream stopped without this side closing it, or null while it is open. */
  get disconnected(): string | null {
    return this.cut;
  }

  /** Every sample received, with when its `metric` event (a batch of samples that came together) arrived. */
  metrics(): Array<{ sample: MetricSample; at: number }> {
    return this.events
      .filter((event) => event.event === 'metric')
      .flatMap((event) => (JSON.parse(event.data) as MetricSample[]).map((sample) => ({ sample, at: event.at })));
  }

  /** The longest silence between metric events of `spaceId` that arrived after `since` (a `performance.now()` time). */
  longestMetricGapMs(spaceId: string, since: number): number {
    const times = this.metrics()
      .filter(({ sample, at }) => sample.spaceId === spaceId && at >= since)
      .map(({ at }) => at);
    let longest = times.length === 0 ? Infinity : times[0] - since;
    for (let i = 1; i < times.length; i += 1) longest = Math.max(longest, times[i] - times[i - 1]);
    return longest;
  }

  close(): void {
    this.closedByViewer = true;
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
        this.events.push({ event: value('event') || 'message', data: value('data'), at: performance.now() });
      }
      boundary = this.buffer.indexOf('\n\n');
    }
  }
}
