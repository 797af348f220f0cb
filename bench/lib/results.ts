import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChurnResult } from '../scenarios/churn';
import type { FanoutResult } from '../scenarios/fanout';
import type { InventoryResult } from '../scenarios/inventory';
import type { ListResult } from '../scenarios/list';
import type { PageResult } from '../scenarios/page';
import type { PersistenceResult } from '../scenarios/persistence';
import type { MachineInfo } from './machine';
import type { BenchOptions } from './options';
import { RESULTS_DIR } from './paths';

/** A scenario's result with the machine's load average (1, 5, 15 min) just before it ran. */
export interface Measured<T> {
  loadAverage: [number, number, number];
  startedAt: string;
  result: T;
}

export interface TargetCheck {
  scenario: string;
  target: string;
  measured: string;
  met: boolean;
  /** By how much it was missed (or the margin), in words. */
  note: string;
}

export interface BenchResults {
  schema: 1;
  label: string | null;
  startedAt: string;
  finishedAt: string;
  command: string;
  options: BenchOptions;
  machine: MachineInfo;
  scenarios: {
    inventory: Array<Measured<InventoryResult>>;
    fanout: Array<Measured<FanoutResult>>;
    churn: Measured<ChurnResult> | null;
    page: Measured<PageResult> | null;
    list?: Measured<ListResult> | null;
    /** Absent from results written before the scenario existed. */
    persistence?: Measured<PersistenceResult> | null;
  };
  targets: TargetCheck[];
  /** Scenarios that failed to run, with the error. */
  failures: Array<{ scenario: string; error: string }>;
}

/** Writes `bench/results/<timestamp>[-label].json` and `bench/results/latest.json`; answers the first path. */
export function writeResults(results: BenchResults): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const path = join(RESULTS_DIR, `${stamp}${results.label ? `-${results.label}` : ''}.json`);
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(path, text);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), text);
  return path;
}

export function readLatest(): BenchResults {
  return JSON.parse(readFileSync(join(RESULTS_DIR, 'latest.json'), 'utf8')) as BenchResults;
}
