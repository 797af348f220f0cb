import type { StreamCaps } from '../scenarios/fanout';
import type { BenchOptions } from './options';

/** The server's default STREAM_LIMIT. */
const DEFAULT_STREAM_LIMIT = 5000;

export interface FanoutPlan {
  clients: number;
  phases: 'together' | 'spread';
  /** null: both caps off. */
  caps: StreamCaps | null;
  /** 1-based, among the runs of the same fan-out. */
  run: number;
  large: boolean;
}

/**
 * Every client comes from this machine's one address: the per-address cap is raised to let
 * them (and the spread runs' primer streams) in, the overall cap stays at its default unless
 * the run needs more. Both still count every stream.
 */
export function capsFor(clients: number, spaces: number): StreamCaps {
  return { perClient: clients + spaces, overall: Math.max(DEFAULT_STREAM_LIMIT, clients + spaces) };
}

/**
 * The fan-out runs, in order: each client count with the samples in one burst a second;
 * the largest also with the caps off, interleaved run by run with the one with them (so a
 * change in what else the machine does weighs on both alike); the largest with the samples
 * spread; then one large run, samples spread.
 */
export function fanoutPlans(options: BenchOptions): FanoutPlan[] {
  const plans: FanoutPlan[] = [];
  const largest = Math.max(...options.clients);
  const runs = (add: (run: number) => void) => {
    for (let run = 1; run <= options.fanoutRuns; run++) add(run);
  };
  for (const clients of options.clients) {
    runs((run) => {
      plans.push({ clients, phases: 'together', caps: capsFor(clients, options.spaces), run, large: false });
      if (clients === largest && options.capsCheck) plans.push({ clients, phases: 'together', caps: null, run, large: false });
    });
  }
  if (options.spread) runs((run) => plans.push({ clients: largest, phases: 'spread', caps: capsFor(largest, options.spaces), run, large: false }));
  if (options.bigClients > 0) plans.push({ clients: options.bigClients, phases: 'spread', caps: capsFor(options.bigClients, options.spaces), run: 1, large: true });
  return plans;
}
