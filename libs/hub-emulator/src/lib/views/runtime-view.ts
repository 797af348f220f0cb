import { isRunningStage } from '../hub/stages';
import type { JsonObject } from '../http/json';
import type { SpaceRecord } from '../state/space-record';

/**
 * The runtime object in the recorded key order: `stage, hardware, storage, gcTimeout,
 * replicas, devMode, domains` (static: `stage, hardware, storage, replicas`), see
 * src/testing/recordings/space-runtime.get.*.json. `replicas.current` appears only while a
 * container serves (a restarted Space shows `{requested}` alone, as recorded).
 * `errorMessage` comes last, only in error stages (docs/hub-api.md §3, placement inferred).
 */
export function runtimeView(space: SpaceRecord): JsonObject {
  const runtime = space.runtime;
  const body: JsonObject = space.isStatic
    ? {
        stage: runtime.stage,
        hardware: { current: null, requested: null },
        storage: null,
        replicas: { requested: 1, current: 1 },
      }
    : {
        stage: runtime.stage,
        hardware: { current: runtime.hardwareCurrent, requested: runtime.hardwareRequested },
        storage: null,
        gcTimeout: runtime.gcTimeout,
        replicas: isRunningStage(runtime.stage)
          ? { requested: runtime.replicasRequested, current: runtime.replicaIds.length }
          : { requested: runtime.replicasRequested },
        devMode: runtime.devMode,
        domains: [{ domain: `${space.subdomain}.hf.space`, stage: 'READY' }],
      };
  if (runtime.errorMessage !== null) body['errorMessage'] = runtime.errorMessage;
  return body;
}
