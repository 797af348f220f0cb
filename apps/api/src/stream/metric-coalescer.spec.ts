import type { MetricSample } from '@hfd/contracts';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { readEvents } from '../testing/sse-frames';
import { BatchInterner } from './batch-interner';
import { FlushClock } from './flush-clock';
import { MetricCoalescer, type MetricPacing } from './metric-coalescer';
import { TurnScheduler } from './turn-scheduler';

const INTERVAL = 250;
const QUIET = 100;
const LEADING = 100;
const SPACING = 750;
/** A tick's writes run in the turn after it (TurnScheduler), which fake timers run 1 ms later. */
const TURN = 1;

function frame(spaceId: string, cpuPct = 1): MetricFrame {
  const sample = { spaceId, cpuPct } as MetricSample;
  return { sample, json: JSON.stringify(sample) };
}

/** A viewer: what it was written, and when (fake time). */
function viewer(pacing: MetricPacing) {
  const writes: Array<{ at: number; ids: string[]; event: Buffer }> = [];
  const coalescer = new MetricCoalescer(pacing, (event) => {
    const samples = JSON.parse(String(readEvents(event)[0].data)) as MetricSample[];
    writes.push({ at: Date.now(), ids: samples.map((s) => s.spaceId), event });
  });
  return { coalescer, writes };
}

describe('MetricCoalescer', () => {
  let pacing: MetricPacing;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    const turns = new TurnScheduler();
    pacing = { clock: new FlushClock(INTERVAL, turns), quietMs: QUIET, leadingWindowMs: LEADING, leadingWindowSpacingMs: SPACING, turns, batches: new BatchInterner() };
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
    expect(Math.max(...writtenAt.map((at, i) => at - 20 * i))).toBeLessThanOrEqual(INTERVAL + TURN);
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

  /** Adds one sample named after the time it comes at, for each time; answers the writes as [ms since start, names]. */
  function feed(times: readonly number[], viewers = [viewer(pacing)]) {
    let now = 0;
    for (const at of times) {
      jest.advanceTimersByTime(at - now);
      now = at;
      const sample = frame(`u/t${at}`);
      for (const { coalescer } of viewers) coalescer.add(sample);
    }
    jest.advanceTimersByTime(INTERVAL * 2);
    return viewers.map(({ writes }) => writes.map((w) => [w.at - 1_000_000, w.ids.map((id) => Number(id.slice(3)))]));
  }

  it('judges quiet on arrivals, not writes: a burst soon after the clock wrote still goes out at once', () => {
    // Every 60 ms: 0 and 60 in the leading window, the rest at the ticks of 370, 670 and (had it come) 970.
    // 890 comes 110 ms after the last sample, though only 220 after the clock's last write.
    const times = [...Array.from({ length: 14 }, (_, i) => i * 60), 890];
    expect(feed(times)).toEqual([
      [
        [0, [0]],
        [60, [60]],
        [370 + TURN, [120, 180, 240, 300, 360]],
        [670 + TURN, [420, 480, 540, 600, 660]],
        [890, [720, 780, 890]],
      ],
    ]);
  });

  it('opens at most one leading window per spacing: bursts a third of a second apart after the first wait for the clock', () => {
    // Bursts at 0, 330, 660 and 1000: quiet before each, but only 0 and 1000 are far enough apart.
    expect(feed([0, 10, 330, 340, 660, 670, 1000, 1010])).toEqual([
      [
        [0, [0]],
        [10, [10]],
        [580 + TURN, [330, 340]],
        [910 + TURN, [660, 670]],
        [1000, [1000]],
        [1010, [1010]],
      ],
    ]);
  });

  it('lets a burst take along the samples that wait for the clock', () => {
    // 700 is quiet but too soon after the window of 0, so it waits for the tick of 950; the burst of 810 takes it along.
    expect(feed([0, 60, 700, 810])).toEqual([
      [
        [0, [0]],
        [60, [60]],
        [810, [700, 810]],
      ],
    ]);
  });

  it('lets viewers whose samples came together write at the same tick, the same event made once', () => {
    const both = [viewer(pacing), viewer(pacing)];
    // 0 and 50 in the leading window, 100 and 150 (never quiet) at the tick of 350.
    const [first, second] = feed([0, 50, 100, 150], both);
    expect(first).toEqual([
      [0, [0]],
      [50, [50]],
      [350 + TURN, [100, 150]],
    ]);
    expect(second).toEqual(first);
    expect(both[1].writes[2].event).toBe(both[0].writes[2].event);
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
