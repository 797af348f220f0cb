import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcReading {
  /** Monotonic ms. */
  at: number;
  /** User + system CPU time of the process so far, in ms (all its threads: JS, GC, libuv). */
  cpuMs: number;
  rssBytes: number;
}

/** Reads /proc/<pid>/stat and /proc/<pid>/status once; Linux only, like the machine it runs on. */
export function readProc(pid: number): ProcReading {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces, start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return {
    at: Number(process.hrtime.bigint()) / 1e6,
    cpuMs: ((utime + stime) * 1000) / CLOCK_TICKS,
    rssBytes: rss ? Number(rss[1]) * 1024 : 0,
  };
}

export interface ProcSummary {
  /** Mean CPU over the window, in % of one core (200 % = both cores of a 2-core machine). */
  cpuPctMean: number;
  /** Highest 1-second CPU sample. */
  cpuPctMax: number;
  rssStartBytes: number;
  rssEndBytes: number;
  rssMaxBytes: number;
  samples: number;
}

/** Samples a process every `intervalMs` between start() and stop(). */
export class ProcSampler {
  private readonly readings: ProcReading[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.readings.push(readProc(this.pid));
    this.timer = setInterval(() => this.readings.push(readProc(this.pid)), this.intervalMs);
  }

  stop(): ProcSummary {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.readings.push(readProc(this.pid));
    return summarize(this.readings);
  }
}

export function summarize(readings: readonly ProcReading[]): ProcSummary {
  const first = readings[0];
  const last = readings[readings.length - 1];
  if (!first || !last) throw new Error('No /proc readings');
  let cpuPctMax = 0;
  for (let i = 1; i < readings.length; i++) {
    const a = readings[i - 1];
    const b = readings[i];
    if (a && b && b.at > a.at) cpuPctMax = Math.max(cpuPctMax, ((b.cpuMs - a.cpuMs) / (b.at - a.at)) * 100);
  }
  return {
    cpuPctMean: last.at > first.at ? ((last.cpuMs - first.cpuMs) / (last.at - first.at)) * 100 : 0,
    cpuPctMax,
    rssStartBytes: first.rssBytes,
    rssEndBytes: last.rssBytes,
    rssMaxBytes: Math.max(...readings.map((reading) => reading.rssBytes)),
    samples: readings.length,
  };
}
