import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { WORKSPACE_ROOT } from '@hfd/test-support';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramBytes: number;
  node: string;
  kernel: string;
  /** The commit measured, `+dirty` when the working tree had changes. */
  commit: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function machineInfo(): MachineInfo {
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramBytes: totalmem(),
    node: process.version,
    kernel: release(),
    commit: `${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty ? '+dirty' : ''}`,
  };
}

/** 1, 5 and 15 minute load averages, rounded; recorded before each scenario (the machine is shared). */
export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg().map((value) => Math.round(value * 100) / 100);
  return [one, five, fifteen];
}
