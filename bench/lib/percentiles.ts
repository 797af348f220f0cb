/** Below this, buckets are FINE_MS wide; above, COARSE_MS wide; beyond MAX_MS, one overflow bucket. */
const FINE_LIMIT_MS = 100;
const FINE_MS = 0.01;
const COARSE_MS = 1;
const MAX_MS = 60_000;
const FINE_BUCKETS = Math.round(FINE_LIMIT_MS / FINE_MS);
const BUCKETS = FINE_BUCKETS + Math.round((MAX_MS - FINE_LIMIT_MS) / COARSE_MS) + 1;

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/**
 * A fixed-bucket latency histogram: 10 µs resolution up to 100 ms, 1 ms up to 60 s. Millions
 * of samples cost the same memory as none, and histograms of several worker processes merge
 * by adding their counts (they travel over IPC as plain arrays).
 */
export class LatencyHistogram {
  readonly counts: Uint32Array;
  private total = 0;
  private sum = 0;
  private maximum = 0;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Uint32Array(BUCKETS);
    if (counts) {
      if (counts.length !== BUCKETS) throw new Error(`A histogram has ${BUCKETS} buckets, got ${counts.length}`);
      this.counts.set(counts);
      for (let i = 0; i < BUCKETS; i++) {
        const n = this.counts[i] ?? 0;
        if (n === 0) continue;
        this.total += n;
        this.sum += n * bucketValue(i);
        this.maximum = bucketValue(i);
      }
    }
  }

  record(ms: number): void {
    const value = ms < 0 ? 0 : ms;
    const index = bucketIndex(value);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total++;
    this.sum += value;
    if (value > this.maximum) this.maximum = value;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.total += other.total;
    this.sum += other.sum;
    this.maximum = Math.max(this.maximum, other.maximum);
  }

  get count(): number {
    return this.total;
  }

  /** The value below which `q` (0..1) of the samples fall, at the histogram's resolution. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(bucketValue(i), this.maximum);
    }
    return this.maximum;
  }

  summary(): LatencySummary {
    return {
      count: this.total,
      p50: round(this.quantile(0.5)),
      p90: round(this.quantile(0.9)),
      p99: round(this.quantile(0.99)),
      p999: round(this.quantile(0.999)),
      max: round(this.maximum),
      mean: round(this.total === 0 ? Number.NaN : this.sum / this.total),
    };
  }

  /** Non-zero buckets only, as [index, count] pairs: what a worker sends its parent. */
  toSparse(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if ((this.counts[i] ?? 0) > 0) pairs.push([i, this.counts[i] ?? 0]);
    return pairs;
  }

  static fromSparse(pairs: ReadonlyArray<readonly [number, number]>, exactMax?: number): LatencyHistogram {
    const counts = new Array<number>(BUCKETS).fill(0);
    for (const [index, count] of pairs) counts[index] = count;
    const histogram = new LatencyHistogram(counts);
    if (exactMax !== undefined && histogram.total > 0) histogram.maximum = exactMax;
    return histogram;
  }
}

function bucketIndex(ms: number): number {
  if (ms < FINE_LIMIT_MS) return Math.floor(ms / FINE_MS);
  if (ms >= MAX_MS) return BUCKETS - 1;
  return FINE_BUCKETS + Math.floor((ms - FINE_LIMIT_MS) / COARSE_MS);
}

/** The upper edge of a bucket: quantiles are reported conservatively (never below the truth). */
function bucketValue(index: number): number {
  if (index < FINE_BUCKETS) return (index + 1) * FINE_MS;
  if (index === BUCKETS - 1) return MAX_MS;
  return FINE_LIMIT_MS + (index - FINE_BUCKETS + 1) * COARSE_MS;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Quantile of a small array of numbers (nearest rank), e.g. per-run timings. */
export function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return quantileOf(values, 0.5);
}

/** The median of some runs, with the lowest and the highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}
