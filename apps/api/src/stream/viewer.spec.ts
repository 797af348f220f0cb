import type { MessageEvent } from '@nestjs/common';
import type { MetricSample } from '@hfd/contracts';
import { Observable, type Subscriber } from 'rxjs';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { BatchInterner } from './batch-interner';
import { FlushClock } from './flush-clock';
import type { MetricPacing } from './metric-coalescer';
import { TurnScheduler } from './turn-scheduler';
import { Viewer } from './viewer';

describe('Viewer', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const frame = (spaceId: string): MetricFrame => {
    const sample = { spaceId, cpuPct: 1 } as MetricSample;
    return { sample, json: JSON.stringify(sample) };
  };

  /** A viewer on a real scheduler, and what its subscriber saw. */
  function start() {
    const turns = new TurnScheduler();
    const pacing: MetricPacing = { clock: new FlushClock(250, turns), quietMs: 100, leadingWindowMs: 250, leadingWindowSpacingMs: 750, turns, batches: new BatchInterner() };
    const seen: string[] = [];
    let viewer: Viewer | null = null;
    new Observable<MessageEvent>((subscriber: Subscriber<MessageEvent>) => {
      viewer = new Viewer(subscriber, pacing, null);
    }).subscribe({ next: (event) => seen.push(`${event.type}:${String(event.data)}`), complete: () => seen.push('complete') });
    if (viewer === null) throw new Error('not subscribed');
    return { viewer: viewer as Viewer, seen };
  }

  it('hands its events over in the next turn, in the order they were sent', async () => {
    const { viewer, seen } = start();
    viewer.send({ type: 'inventory', data: '1' });
    viewer.send({ type: 'status', data: '2' });
    expect(seen).toEqual([]);
    await turn();
    expect(seen).toEqual(['inventory:1', 'status:2']);
    viewer.send({ type: 'status', data: '3' });
    await turn();
    expect(seen).toEqual(['inventory:1', 'status:2', 'status:3']);
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
    viewer.send({ type: 'status', data: 'queued' });
    viewer.metric(frame('a/one'));
    viewer.end({ type: 'session-ended', data: 'expired' });
    viewer.send({ type: 'status', data: 'late' });
    viewer.metric(frame('a/two'));
    await turn();
    await turn();
    expect(seen).toEqual(['session-ended:expired', 'complete']);
  });

  it('once closed, sends nothing of what waited or comes', async () => {
    const { viewer, seen } = start();
    viewer.send({ type: 'status', data: 'queued' });
    viewer.metric(frame('a/one'));
    viewer.close();
    viewer.send({ type: 'status', data: 'late' });
    await turn();
    await turn();
    expect(seen).toEqual([]);
  });
});
