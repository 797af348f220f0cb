import type { MetricSample } from '@hfd/contracts';
import { BatchInterner } from './batch-interner';
import type { MetricFrame } from '../metrics/metrics-hub.service';

function frame(spaceId: string): MetricFrame {
  const sample = { spaceId, cpuPct: 1 } as MetricSample;
  return { sample, json: JSON.stringify(sample) };
}

describe('BatchInterner', () => {
  it('gives viewers with the same frames in the same order one node, and its JSON is joined once', () => {
    const interner = new BatchInterner();
    const [a, b] = [frame('u/a'), frame('u/b')];
    const first = interner.root.append(a).append(b);
    const second = interner.root.append(a).append(b);
    expect(second).toBe(first);
    const join = jest.spyOn(Array.prototype, 'join');
    expect(first.json()).toBe(`[${a.json},${b.json}]`);
    expect(second.json()).toBe(first.json());
    expect(join).toHaveBeenCalledTimes(1);
    join.mockRestore();
    expect(JSON.parse(first.json())).toEqual([a.sample, b.sample]);
  });

  it('keeps different sequences apart', () => {
    const interner = new BatchInterner();
    const [a, b] = [frame('u/a'), frame('u/b')];
    expect(interner.root.append(a).append(b)).not.toBe(interner.root.append(b).append(a));
    expect(JSON.parse(interner.root.append(a).json())).toEqual([a.sample]);
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
