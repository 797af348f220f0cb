import type { MetricSample } from '@hfd/contracts';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { BatchInterner } from './batch-interner';
import { FlushClock } from './flush-clock';
import { MetricCoalescer, type MetricPacing } from './metric-coalescer';
import { TurnScheduler } from './turn-scheduler';

const INTERVAL = 250;
const LEADING = 100;

function frame(spaceId: string, cpuPct = 1): MetricFrame {
  const sample = { spaceId, cpuPct } as MetricSample;
  return { sample, json: JSON.stringify(sample) };
}

/** A viewer: what it was written, and when (fake time). */
function viewer(pacing: MetricPacing) {
  const writes: Array<{ at: number; ids: string[]; json: string }> = [];
  const coalescer = new MetricCoalescer(pacing, (json) => writes.push({ at: Date.now(), ids: (JSON.parse(json) as MetricSample[]).map((s) => s.spaceId), json }));
  return { coalescer, writes };
}

describe('MetricCoalescer', () => {
  let pacing: MetricPacing;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    pacing = { clock: new FlushClock(INTERVAL), leadingWindowMs: LEADING, turns: new TurnScheduler(), batches: new BatchInterner() };
  });
  afterEach(() => jest.useRealTimers());

  /** Lets the turn end (setImmediate callbacks run) without moving the clock. */
  const endTurn = () => jest.advanceTimersByTime(0);

  it('sends a sample that comes after a quiet interval at the end of its turn (leading edge)', () => {
    const { coalescer, writes } = viewer(pacing);
    coalescer.add(frame('u/a'));
    coalescer.add(frame('u/b'));
    expect(writes).toEqual([]);
    endTurn();
    expect(writes.map((w) => [w.at, w.ids])).toEqual([[1_000_000, ['u/a', 'u/b']]]);
  });

  it('sends a burst spread over some tens of milliseconds turn by turn, within the leading window', () => {
    const { coalescer, writes } = viewer(pacing);
    for (let i = 0; i < 5; i++) {
      coalescer.add(frame(`u/s${i}`));
      jest.advanceTimersByTime(15);
    }
    expect(writes.map((w) => w.at - 1_000_000)).toEqual([0, 15, 30, 45, 60]);
    expect(writes.flatMap((w) => w.ids)).toEqual(['u/s0', 'u/s1', 'u/s2', 'u/s3', 'u/s4']);
  });

  it('writes samples that keep coming at most once per interval, each write carrying every sample since the last', () => {
    const { coalescer, writes } = viewer(pacing);
    // 50 Spaces spread over the second, for 4 s: a sample every 20 ms.
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `u/s${i % 50}`;
      sent.push(id);
      coalescer.add(frame(id, i));
      jest.advanceTimersByTime(20);
    }
    jest.advanceTimersByTime(INTERVAL);
    // Nothing lost, nothing twice, in order.
    expect(writes.flatMap((w) => w.ids)).toEqual(sent);
    const afterLeading = writes.filter((w) => w.at >= 1_000_000 + LEADING);
    const gaps = afterLeading.slice(1).map((w, index) => w.at - afterLeading[index].at);
    expect(gaps.length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
    // 4 s at one write per interval, after the leading window's turns (one per sample).
    expect(writes.length).toBeLessThanOrEqual(LEADING / 20 + 1 + 4000 / INTERVAL + 1);
    // No sample waits longer than an interval, however it falls (sample i was sent at 20 i ms).
    const writtenAt = writes.flatMap((w) => w.ids.map(() => w.at - 1_000_000));
    expect(Math.max(...writtenAt.map((at, i) => at - 20 * i))).toBeLessThanOrEqual(INTERVAL);
  });

  it('opens a new leading window after a quiet interval, so a burst a second keeps a low delay', () => {
    const { coalescer, writes } = viewer(pacing);
    for (let second = 0; second < 3; second++) {
      coalescer.add(frame('u/a', second));
      jest.advanceTimersByTime(30);
      coalescer.add(frame('u/b', second));
      jest.advanceTimersByTime(970);
    }
    expect(writes.map((w) => [(w.at - 1_000_000) % 1000, w.ids])).toEqual([
      [0, ['u/a']],
      [30, ['u/b']],
      [0, ['u/a']],
      [30, ['u/b']],
      [0, ['u/a']],
      [30, ['u/b']],
    ]);
  });

  it('judges quiet on arrivals, not writes: a burst after a pause goes out at once though the clock wrote the last samples lately', () => {
    const { coalescer, writes } = viewer(pacing);
    // Every 100 ms from 0 to 300: the leading window takes the first, the clock the rest (at 350).
    for (let t = 0; t <= 300; t += 100) {
      coalescer.add(frame(`u/s${t}`));
      jest.advanceTimersByTime(t === 300 ? 280 : 100);
    }
    // Now 580: 280 ms without a sample, only 230 since the clock's write.
    coalescer.add(frame('u/burst'));
    endTurn();
    expect(writes.map((w) => [w.at - 1_000_000, w.ids])).toEqual([
      [0, ['u/s0']],
      [350, ['u/s100', 'u/s200', 'u/s300']],
      [580, ['u/burst']],
    ]);
  });

  it('lets viewers whose samples came together write at the same tick, the same JSON joined once', () => {
    const first = viewer(pacing);
    const second = viewer(pacing);
    // Past the leading window, but not quiet: what follows waits for the clock.
    for (const { coalescer } of [first, second]) coalescer.add(frame('u/warm'));
    endTurn();
    jest.advanceTimersByTime(LEADING + 10);
    const [a, b] = [frame('u/a'), frame('u/b')];
    for (const f of [a, b]) {
      first.coalescer.add(f);
      second.coalescer.add(f);
    }
    jest.advanceTimersByTime(INTERVAL);
    expect(first.writes).toHaveLength(2);
    expect(first.writes[1].at).toBe(1_000_000 + LEADING + 10 + INTERVAL);
    expect(second.writes[1].json).toBe(first.writes[1].json);
    expect(second.writes[1].at).toBe(first.writes[1].at);
    expect(first.writes[1].ids).toEqual(['u/a', 'u/b']);
  });

  it('writes nothing once stopped, and leaves no timer behind', () => {
    const { coalescer, writes } = viewer(pacing);
    coalescer.add(frame('u/a'));
    endTurn();
    coalescer.add(frame('u/b'));
    coalescer.stop();
    jest.advanceTimersByTime(INTERVAL * 4);
    expect(writes.flatMap((w) => w.ids)).toEqual(['u/a']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
