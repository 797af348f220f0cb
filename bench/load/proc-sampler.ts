import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcSample {
  /** Seconds since the sampler started. */
  t: number;
  rssMb: number;
  /** CPU used since the previous sample, in % of one core (200 % = both cores of this machine). */
  cpuPct: number;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
}

function cpuSeconds(pid: number): number {
  // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** RSS and CPU of one process, read from /proc at a fixed period. */
export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly started = performance.now();
  private last: { wall: number; cpu: number };

  constructor(private readonly pid: number) {
    this.last = { wall: performance.now(), cpu: cpuSeconds(pid) };
  }

  start(periodMs: number): void {
    this.timer = setInterval(() => this.sample(), periodMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sample(): void {
    const wall = performance.now();
    let cpu: number;
    try {
      cpu = cpuSeconds(this.pid);
    } catch {
      // The process is gone (it crashed): the run reports that; there is nothing left to sample.
      this.stop();
      return;
    }
    const cpuPct = ((cpu - this.last.cpu) / ((wall - this.last.wall) / 1000)) * 100;
    this.last = { wall, cpu };
    const rss = (() => {
      try {
        return rssMb(this.pid);
      } catch {
        return NaN;
      }
    })();
    this.samples.push({ t: Math.round((wall - this.started) / 100) / 10, rssMb: Math.round(rss * 10) / 10, cpuPct: Math.round(cpuPct) });
  }
}
