import type { StreamKind } from '../counters';
import type { Prng } from '../random/prng';
import type { CountedRouteName } from '../routes/route-names';
import type { DownMode, ErrorFault, LatencyFault, StreamFault } from './fault.schema';

export interface ActiveErrorFault extends ErrorFault {
  /** Requests this rule has failed so far. */
  served: number;
}

export interface StreamPolicy {
  dropAfterEvents?: number;
  malformedEvery?: number;
}

export interface FaultSnapshot {
  latency: LatencyFault | null;
  errors: ActiveErrorFault[];
  streams: StreamFault[];
  down: DownMode | null;
}

/** The faults in force; the request pipeline and the SSE writer consult it on every use. */
export class FaultInjector {
  private latency: LatencyFault | null = null;
  private errors: ActiveErrorFault[] = [];
  private streams: StreamFault[] = [];
  private downMode: DownMode | null = null;

  /** Shares and jitter come from the seeded PRNG, so a run repeats. */
  constructor(private readonly prng: Prng) {}

  setLatency(fault: LatencyFault | null): void {
    this.latency = fault;
  }

  latencyFor(route: CountedRouteName): number {
    const fault = this.latency;
    if (!fault || (fault.routes && !fault.routes.includes(route))) return 0;
    return fault.ms + (fault.jitterMs > 0 ? this.prng.int(0, fault.jitterMs) : 0);
  }

  addError(fault: ErrorFault): void {
    this.errors.push({ ...fault, served: 0 });
  }

  /** The rule that fails this request, if any; `times` is used up as it goes. */
  errorFor(route: CountedRouteName, method: string): ActiveErrorFault | null {
    for (const fault of this.errors) {
      if (fault.route !== '*' && fault.route !== route) continue;
      if (fault.method !== undefined && fault.method !== method) continue;
      if (fault.times !== undefined && fault.served >= fault.times) continue;
      if (fault.share !== undefined && !this.prng.chance(fault.share)) continue;
      fault.served++;
      return fault;
    }
    return null;
  }

  addStreamFault(fault: StreamFault): void {
    this.streams.push(fault);
  }

  streamPolicy(kind: StreamKind, spaceId: string): StreamPolicy {
    const policy: StreamPolicy = {};
    for (const fault of this.streams) {
      if (fault.kind !== undefined && fault.kind !== kind) continue;
      if (fault.spaceId !== undefined && fault.spaceId.toLowerCase() !== spaceId.toLowerCase()) continue;
      policy.dropAfterEvents ??= fault.dropAfterEvents;
      policy.malformedEvery ??= fault.malformedEvery;
    }
    return policy;
  }

  setDown(mode: DownMode | null): void {
    this.downMode = mode;
  }

  get down(): DownMode | null {
    return this.downMode;
  }

  clear(): void {
    this.latency = null;
    this.errors = [];
    this.streams = [];
    this.downMode = null;
  }

  snapshot(): FaultSnapshot {
    return {
      latency: this.latency,
      errors: this.errors.map((fault) => ({ ...fault })),
      streams: [...this.streams],
      down: this.downMode,
    };
  }
}
