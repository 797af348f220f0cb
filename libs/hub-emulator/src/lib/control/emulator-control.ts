import type { z } from 'zod';
import type { StreamKind } from '../counters';
import {
  DownFaultSchema,
  ErrorFaultSchema,
  LatencyFaultSchema,
  RateLimitPatchSchema,
  SetStageSchema,
  StreamFaultSchema,
  type DownMode,
  type ErrorFaultInput,
  type LatencyFaultInput,
} from '../faults/fault.schema';
import type { FaultSnapshot } from '../faults/fault-injector';
import type { SpaceStage } from '../hub/stages';
import type { HubContext } from '../http/hub-context';
import type { RateLimitConfig } from '../scenario/scenario.schema';
import type { StreamRegistry } from '../sse/sse-writer';

/** A control input that failed validation; the control route answers it with 400. */
export class ControlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlInputError';
  }
}

export class UnknownSpaceError extends Error {
  constructor(spaceId: string) {
    super(`No Space "${spaceId}" in the scenario`);
    this.name = 'UnknownSpaceError';
  }
}

function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  throw new ControlInputError(`Invalid ${what}: ${details}`);
}

export interface StreamFaultTarget {
  kind?: StreamKind;
  spaceId?: string;
}

/** Run-time levers of the emulator: faults and scenario changes (also at `/__emulator/...`). */
export interface EmulatorControl {
  /** Delay matching requests by `ms` plus up to `jitterMs`; null removes it. */
  setLatency(fault: LatencyFaultInput | null): void;
  /** Answer matching requests with `status`, `times` times or for a `share` of them. */
  failRoute(fault: ErrorFaultInput): void;
  /** Change quotas and windows; fresh windows start for everyone. */
  setRateLimit(patch: Partial<RateLimitConfig>): RateLimitConfig;
  rateLimit(): RateLimitConfig;
  /** Destroy matching streams after `afterEvents` events. */
  dropStreams(options: StreamFaultTarget & { afterEvents: number }): void;
  /** Invalid JSON in `data:` on every `every`th event of matching JSON streams. */
  malformEvents(options: StreamFaultTarget & { every: number }): void;
  /** The whole hub down: connections reset, or CloudFront's 503 for everything. Open streams are cut. */
  hubDown(mode?: DownMode): void;
  hubUp(): void;
  clearFaults(): void;
  faults(): FaultSnapshot;
  /** Puts a Space in `stage` (with `errorMessage` for error stages); it stays there until an action moves it. */
  setStage(spaceId: string, stage: SpaceStage, errorMessage?: string): void;
  resetCounters(): void;
}

/** Inputs are `unknown` here because the control route hands over raw JSON; every one is validated. */
export class HubEmulatorControl implements EmulatorControl {
  constructor(
    private readonly hub: HubContext,
    private readonly streams: StreamRegistry,
  ) {}

  setLatency(fault: unknown): void {
    this.hub.faults.setLatency(fault === null ? null : validate(LatencyFaultSchema, fault, 'latency fault'));
  }

  failRoute(fault: unknown): void {
    this.hub.faults.addError(validate(ErrorFaultSchema, fault, 'error fault'));
  }

  setRateLimit(patch: unknown): RateLimitConfig {
    Object.assign(this.hub.rateLimit, validate(RateLimitPatchSchema, patch, 'rate limit'));
    this.hub.apiLimiter.reset();
    this.hub.whoamiLimiter.reset();
    return this.rateLimit();
  }

  rateLimit(): RateLimitConfig {
    return { ...this.hub.rateLimit };
  }

  dropStreams({ afterEvents, ...target }: StreamFaultTarget & { afterEvents: number }): void {
    this.addStreamFault({ ...target, dropAfterEvents: afterEvents });
  }

  malformEvents({ every, ...target }: StreamFaultTarget & { every: number }): void {
    this.addStreamFault({ ...target, malformedEvery: every });
  }

  addStreamFault(fault: unknown): void {
    this.hub.faults.addStreamFault(validate(StreamFaultSchema, fault, 'stream fault'));
  }

  hubDown(mode?: unknown): void {
    this.hub.faults.setDown(validate(DownFaultSchema, { mode }, 'down mode').mode);
    this.streams.destroyAll();
  }

  hubUp(): void {
    this.hub.faults.setDown(null);
  }

  clearFaults(): void {
    this.hub.faults.clear();
  }

  faults(): FaultSnapshot {
    return this.hub.faults.snapshot();
  }

  setStage(spaceId: string, stage: unknown, errorMessage?: unknown): void {
    const input = validate(SetStageSchema, { stage, errorMessage }, 'stage');
    const space = this.hub.store.spaceById(spaceId);
    if (!space) throw new UnknownSpaceError(spaceId);
    this.hub.machine.forceStage(space, input.stage, input.errorMessage);
  }

  resetCounters(): void {
    this.hub.counters.reset();
  }
}
