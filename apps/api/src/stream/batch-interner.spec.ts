import type { MetricSample } from '@hfd/contracts';
import { BatchInterner } from './batch-interner';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { readEvents } from '../testing/sse-frames';

function frame(spaceId: string): MetricFrame {
  const sample = { spaceId, cpuPct: 1 } as MetricSample;
  return { sample, json: JSON.stringify(sample) };
}

/** The samples of a `metric` event. */
function samples(event: Buffer): unknown {
  const [read] = readEvents(event);
  expect(read.type).toBe('metric');
  return JSON.parse(String(read.data));
}

describe('BatchInterner', () => {
  it('gives viewers with the same frames in the same order one node, and its event is made once', () => {
    const interner = new BatchInterner();
    const [a, b] = [frame('u/a'), frame('u/b')];
    const first = interner.root.append(a).append(b);
    const second = interner.root.append(a).append(b);
    expect(second).toBe(first);
    const join = jest.spyOn(Array.prototype, 'join');
    const event = first.frame();
    expect(second.frame()).toBe(event);
    expect(join).toHaveBeenCalledTimes(1);
    join.mockRestore();
    expect(event.toString()).toBe(`event: metric\ndata: [${a.json},${b.json}]\n\n`);
    expect(samples(event)).toEqual([a.sample, b.sample]);
  });

  it('keeps different sequences apart', () => {
    const interner = new BatchInterner();
    const [a, b] = [frame('u/a'), frame('u/b')];
    expect(interner.root.append(a).append(b)).not.toBe(interner.root.append(b).append(a));
    expect(samples(interner.root.append(a).frame())).toEqual([a.sample]);
  });

  it('starts from a fresh root in the next turn, so nothing is kept', async () => {
    const interner = new BatchInterner();
    const a = frame('u/a');
    const before = interner.root.append(a);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(interner.root.append(a)).not.toBe(before);
  });
});
