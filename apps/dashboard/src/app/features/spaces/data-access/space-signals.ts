import { computed, type Signal } from '@angular/core';
import { hasLiveMetrics, type MetricSample, type RuntimeStage, type SpaceSummary } from '@hfd/contracts';
import { hardwareOf, memoryPercent, stageOf } from './space-view';
import type { SpacesStore } from './spaces.store';

export interface SpaceSignals {
  stage: Signal<RuntimeStage>;
  /** A static Space is files served by the Hub: no container, so no load and no chart. */
  isStatic: Signal<boolean>;
  /** Running with a container: it reports live load. */
  live: Signal<boolean>;
  /** The latest live sample of this Space alone, so reading it ties a view to this Space. */
  sample: Signal<MetricSample | null>;
  memoryPct: Signal<number | null>;
  hardware: Signal<string | null>;
}

/** What a card and a list row both show of one Space, derived once from it and the store. */
export function spaceSignals(space: Signal<SpaceSummary>, store: SpacesStore): SpaceSignals {
  const sample = computed(() => store.metric(space().id)());
  return {
    stage: computed(() => stageOf(space())),
    isStatic: computed(() => space().sdk === 'static'),
    live: computed(() => hasLiveMetrics(space())),
    sample,
    memoryPct: computed(() => memoryPercent(sample())),
    hardware: computed(() => hardwareOf(space())),
  };
}
