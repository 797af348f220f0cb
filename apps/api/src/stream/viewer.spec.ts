import { STREAM_EVENT, type MetricSample, type StreamEventName } from '@hfd/contracts';
import { Observable, type Subscriber } from 'rxjs';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { readEvents } from '../testing/sse-frames';
import { BatchInterner } from './batch-interner';
import { FlushClock } from './flush-clock';
import type { MetricPacing } from './metric-coalescer';
import { sseFrame } from './sse-frame';
import { TurnScheduler } from './turn-scheduler';
import { Viewer } from './viewer';

describe('Viewer', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const frame = (spaceId: string): MetricFrame => {
    const sample = { spaceId, cpuPct: 1 } as MetricSample;
    return { sample, json: JSON.stringify(sample) };
  };

  const event = (type: StreamEventName, data: string) => sseFrame(type, data);

  /** A viewer on a real scheduler, what its subscriber saw (`type:data` per event), and how many writes it took. */
  function start() {
    const turns = new TurnScheduler();
    const pacing: MetricPacing = { clock: new FlushClock(250, turns), quietMs: 100, leadingWindowMs: 250, leadingWindowSpacingMs: 750, turns, batches: new BatchInterner() };
    const seen: string[] = [];
    const writes: Buffer[] = [];
    let viewer: Viewer | null = null;
    new Observable<Buffer>((subscriber: Subscriber<Buffer>) => {
      viewer = new Viewer(subscriber, pacing, null);
    }).subscribe({
      next: (frames) => {
        writes.push(frames);
        for (const read of readEvents(frames)) seen.push(`${read.type}:${read.data}`);
      },
      complete: () => seen.push('complete'),
    });
    if (viewer === null) throw new Error('not subscribed');
    return { viewer: viewer as Viewer, seen, writes };
  }

  it('hands its events over in the next turn, in the order they were sent, in one write', async () => {
    const { viewer, seen, writes } = start();
    viewer.send(event(STREAM_EVENT.inventory, '1'));
    viewer.send(event(STREAM_EVENT.status, '2'));
    expect(seen).toEqual([]);
    await turn();
    expect(seen).toEqual(['inventory:1', 'status:2']);
    expect(writes).toHaveLength(1);
    const shared = event(STREAM_EVENT.status, '3');
    viewer.send(shared);
    await turn();
    expect(seen).toEqual(['inventory:1', 'status:2', 'status:3']);
    // A frame alone is handed on as it is: the bytes made once for every viewer, not a copy.
    expect(writes[1]).toBe(shared);
  });

  it('sends the samples of a burst as one metric event, an array', async () => {
    const { viewer, seen } = start();
    viewer.metric(frame('a/one'));
    viewer.metric(frame('a/two'));
    await turn();
    expect(seen).toEqual([`metric:[${frame('a/one').json},${frame('a/two').json}]`]);
  });

  it('ends with its last event, dropping what waits, and sends nothing after', async () => {
    const { viewer, seen } = start();
    viewer.send(event(STREAM_EVENT.status, 'queued'));
    viewer.metric(frame('a/one'));
    viewer.end(event(STREAM_EVENT.sessionEnded, 'expired'));
    viewer.send(event(STREAM_EVENT.status, 'late'));
    viewer.metric(frame('a/two'));
    await turn();
    await turn();
    expect(seen).toEqual(['session-ended:expired', 'complete']);
  });

  it('once closed, sends nothing of what waited or comes', async () => {
    const { viewer, seen } = start();
    viewer.send(event(STREAM_EVENT.status, 'queued'));
    viewer.metric(frame('a/one'));
    viewer.close();
    viewer.send(event(STREAM_EVENT.status, 'late'));
    await turn();
    await turn();
    expect(seen).toEqual([]);
  });
});
