import { FREE_FLAVOR, FREE_SLEEP_SECONDS, type Flavor } from '../hub/flavors';
import { commitSha, objectId, replicaId, subdomainOf } from '../hub/ids';
import { ERROR_STAGES, isRunningStage, type SpaceStage } from '../hub/stages';
import { Prng } from '../random/prng';
import type { ScenarioSpace } from '../scenario/scenario.schema';

/** The part of a Space the Hub changes at run time; rendered by views/runtime-view. */
export interface SpaceRuntimeState {
  stage: SpaceStage;
  errorMessage: string | null;
  hardwareCurrent: Flavor | null;
  hardwareRequested: Flavor | null;
  gcTimeout: number | null;
  replicasRequested: number;
  devMode: boolean;
  /** Ids of the replicas now serving; new ones each time the app starts. */
  replicaIds: string[];
}

const DEFAULT_ERROR: Partial<Record<SpaceStage, string>> = {
  BUILD_ERROR: 'Build failed with exit code: 1',
  RUNTIME_ERROR: 'Exit code: 1. Reason: application crashed',
  CONFIG_ERROR: 'Invalid configuration in README.md',
  NO_APP_FILE: 'No application file',
};

export function defaultErrorMessage(stage: SpaceStage): string | null {
  return DEFAULT_ERROR[stage] ?? null;
}

/** One Space: what the scenario says plus its live runtime state. */
export class SpaceRecord {
  readonly id: string;
  readonly owner: string;
  readonly name: string;
  readonly objectId: string;
  readonly sha: string;
  readonly subdomain: string;
  readonly lastModified: string;
  readonly isStatic: boolean;
  /** Bytes of the repo; stable per seed, as the Hub's value is per commit. */
  readonly usedStorage: number;
  readonly runtime: SpaceRuntimeState;
  private readonly replicaPrng: Prng;

  constructor(
    readonly def: ScenarioSpace,
    seed: number,
  ) {
    this.id = def.id;
    const [owner = '', name = ''] = def.id.split('/');
    this.owner = owner;
    this.name = name;
    this.objectId = def._id ?? objectId(seed, def.id, def.createdAt);
    this.sha = def.sha ?? commitSha(seed, def.id);
    this.subdomain = subdomainOf(def.id);
    this.lastModified = def.lastModified ?? def.createdAt;
    this.isStatic = def.sdk === 'static';
    this.replicaPrng = new Prng(seed, 'replicas', def.id);
    this.usedStorage = new Prng(seed, 'storage', def.id).int(20_000, 5_000_000_000);

    const requested = this.isStatic ? null : (def.hardware?.requested ?? FREE_FLAVOR);
    const running = isRunningStage(def.stage);
    const gcDefault = requested === FREE_FLAVOR ? FREE_SLEEP_SECONDS : null;
    this.runtime = {
      stage: def.stage,
      errorMessage: ERROR_STAGES.has(def.stage) ? (def.errorMessage ?? defaultErrorMessage(def.stage)) : null,
      hardwareRequested: requested,
      hardwareCurrent:
        def.hardware?.current !== undefined ? def.hardware.current : running || def.stage === 'APP_STARTING' ? requested : null,
      gcTimeout: this.isStatic ? null : def.gcTimeout === undefined ? gcDefault : def.gcTimeout,
      replicasRequested: def.replicas,
      devMode: def.devMode,
      replicaIds: [],
    };
    if (running || this.isStatic) this.startReplicas();
  }

  /** A new container generation: fresh replica ids, as after a real restart. */
  startReplicas(): void {
    this.runtime.replicaIds = Array.from({ length: this.runtime.replicasRequested }, () => replicaId(this.replicaPrng));
  }
}
