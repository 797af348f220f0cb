import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '@hfd/test-support';
import { LatencyHistogram, type LatencySummary } from '../percentiles';
import type { ChurnReport, ProgressReport, WindowStats, WorkerCommand, WorkerReport } from './protocol';

const WORKER_ENTRY = join(__dirname, 'worker.ts');

export interface PoolWindow {
  windowMs: number;
  clients: number;
  metricEvents: number;
  otherEvents: number;
  chunks: number;
  eventsPerSecond: number;
  latency: LatencySummary;
  unmatched: number;
  ambiguous: number;
  /** Samples received in the window by the least and the best served client. */
  samplesPerClient: { min: number; max: number };
  /** The longest any client waited for a metric event in the window. */
  longestGapMs: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Per worker: its own CPU (% of one core) and event-loop utilization (0..1). */
  workers: Array<{ cpuPct: number; eventLoopUtilization: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number; clients: number }>;
}

export interface PoolChurn {
  cycles: number;
  completed: number;
  errors: number;
  errorKinds: Record<string, number>;
  elapsedMs: number;
  firstMetric: LatencySummary;
}

class WorkerHandle {
  progress: ProgressReport = { type: 'progress', opened: 0, connected: 0, withMetric: 0, errors: 0 };
  private readonly waiting = new Map<WorkerReport['type'], Array<(report: WorkerReport) => void>>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (report: WorkerReport) => {
      if (report.type === 'progress') this.progress = report;
      const waiters = this.waiting.get(report.type);
      const first = waiters?.shift();
      first?.(report);
    });
  }

  send(command: WorkerCommand): void {
    if (this.child.connected) this.child.send(command);
  }

  next<T extends WorkerReport>(type: T['type'], timeoutMs = 600_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`A client worker did not answer ${type} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(type) ?? [];
      list.push((report) => {
        clearTimeout(timer);
        resolve(report as T);
      });
      this.waiting.set(type, list);
    });
  }
}

/**
 * The parent's side of the stream-client worker processes: spreads clients over them,
 * relays the emulator's send times to each, and merges their measurements.
 */
export class ClientPool {
  private constructor(private readonly workers: WorkerHandle[]) {}

  /** Forks `count` workers; they inherit this process's TypeScript loader (tsx). */
  static start(count: number): ClientPool {
    const workers = Array.from({ length: count }, () => new WorkerHandle(fork(WORKER_ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })));
    return new ClientPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.child.pid ?? 0);
  }

  progress(): ProgressReport {
    const total: ProgressReport = { type: 'progress', opened: 0, connected: 0, withMetric: 0, errors: 0 };
    for (const { progress } of this.workers) {
      total.opened += progress.opened;
      total.connected += progress.connected;
      total.withMetric += progress.withMetric;
      total.errors += progress.errors;
    }
    return total;
  }

  /** Opens `clients` stream clients, spread evenly, at about `perSecond` in all. */
  open(url: string, clients: number, perSecond: number): void {
    this.workers.forEach((worker, index) => {
      const share = Math.floor(clients / this.workers.length) + (index < clients % this.workers.length ? 1 : 0);
      worker.send({ type: 'open', url, clients: share, perSecond: Math.max(1, Math.round(perSecond / this.workers.length)) });
    });
  }

  /**
   * Waits until every client has a stream open and has had a first metric event, or the
   * timeout: answers how many got there (a saturated server may never let them all in).
   */
  async waitLive(clients: number, timeoutMs: number): Promise<number> {
    try {
      await eventually(`${clients} clients with a metric event`, () => this.progress().withMetric, (live) => live >= clients, timeoutMs, 100);
    } catch {
      // Reported by the caller from the count.
    }
    return this.progress().withMetric;
  }

  sent(key: string, at: number): void {
    for (const worker of this.workers) worker.send({ type: 'sent', key, at });
  }

  startWindow(): void {
    for (const worker of this.workers) worker.send({ type: 'measure', on: true });
  }

  async endWindow(): Promise<PoolWindow> {
    const answers = this.workers.map((worker) => worker.next<WindowStats>('stats'));
    for (const worker of this.workers) worker.send({ type: 'measure', on: false });
    const stats = await Promise.all(answers);
    const histogram = new LatencyHistogram();
    const errorKinds: Record<string, number> = {};
    for (const s of stats) {
      histogram.merge(LatencyHistogram.fromSparse(s.latency, s.latencyMax));
      for (const [kind, n] of Object.entries(s.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
    }
    const windowMs = Math.max(...stats.map((s) => s.windowMs));
    const metricEvents = stats.reduce((sum, s) => sum + s.metricEvents, 0);
    return {
      windowMs,
      clients: stats.reduce((sum, s) => sum + s.clients, 0),
      metricEvents,
      otherEvents: stats.reduce((sum, s) => sum + s.otherEvents, 0),
      chunks: stats.reduce((sum, s) => sum + s.chunks, 0),
      eventsPerSecond: metricEvents / (windowMs / 1000),
      latency: histogram.summary(),
      unmatched: stats.reduce((sum, s) => sum + s.unmatched, 0),
      ambiguous: stats.reduce((sum, s) => sum + s.ambiguous, 0),
      samplesPerClient: { min: Math.min(...stats.map((s) => s.samplesPerClient.min)), max: Math.max(...stats.map((s) => s.samplesPerClient.max)) },
      longestGapMs: Math.max(...stats.map((s) => s.longestGapMs)),
      errors: stats.reduce((sum, s) => sum + s.errors, 0),
      errorKinds,
      workers: stats.map((s) => ({
        cpuPct: s.cpuPct,
        eventLoopUtilization: s.eventLoopUtilization,
        eventLoopDelayP99Ms: s.eventLoopDelayP99Ms,
        eventLoopDelayMaxMs: s.eventLoopDelayMaxMs,
        clients: s.clients,
      })),
    };
  }

  /** Runs `cycles` connect–read–disconnect cycles spread over the workers, `concurrency` at a time in all. */
  async churn(url: string, cycles: number, concurrency: number, cycleTimeoutMs: number): Promise<PoolChurn> {
    const answers = this.workers.map((worker) => worker.next<ChurnReport>('churned'));
    this.workers.forEach((worker, index) => {
      const share = Math.floor(cycles / this.workers.length) + (index < cycles % this.workers.length ? 1 : 0);
      worker.send({ type: 'churn', url, cycles: share, concurrency: Math.max(1, Math.round(concurrency / this.workers.length)), cycleTimeoutMs });
    });
    const reports = await Promise.all(answers);
    const histogram = new LatencyHistogram();
    const errorKinds: Record<string, number> = {};
    for (const r of reports) {
      histogram.merge(LatencyHistogram.fromSparse(r.firstMetric));
      for (const [kind, n] of Object.entries(r.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
    }
    return {
      cycles: reports.reduce((sum, r) => sum + r.cycles, 0),
      completed: reports.reduce((sum, r) => sum + r.completed, 0),
      errors: reports.reduce((sum, r) => sum + r.errors, 0),
      errorKinds,
      elapsedMs: Math.max(...reports.map((r) => r.elapsedMs)),
      firstMetric: histogram.summary(),
    };
  }

  /** Disconnects every client, then ends the workers. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        if (!worker.child.connected || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
        const closed = worker.next('closed', 10_000).catch(() => undefined);
        worker.send({ type: 'close' });
        await closed;
        const exited = new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
        worker.child.disconnect();
        const timer = setTimeout(() => worker.child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
