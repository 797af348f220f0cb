import type { StuckBuild } from '../scenario/scenario.schema';
import type { HubStore } from './hub-store';
import type { SpaceRecord } from './space-record';

interface Setting {
  duration: number | 'never';
  /** Builds still affected; null: every build. */
  buildsLeft: number | null;
}

export interface StuckBuildSnapshot {
  /** Milliseconds of the Hub's time, or `never`. */
  duration: number | 'never';
  buildsLeft: number | null;
}

/** Spaces whose builds take longer than the stage timings, or never end (invented for tests). */
export class StuckBuilds {
  private readonly settings = new Map<string, Setting>();

  constructor(store: HubStore) {
    for (const space of store.spaces) if (space.def.stuckBuild) this.set(space, space.def.stuckBuild);
  }

  /** null: the Space builds in the normal time again. */
  set(space: SpaceRecord, config: StuckBuild | null): void {
    if (config === null) this.settings.delete(space.id);
    else this.settings.set(space.id, { duration: config.duration, buildsLeft: config.builds ?? null });
  }

  /** How long the build starting now takes, counting it against `builds`; undefined: the normal time. */
  take(space: SpaceRecord): number | 'never' | undefined {
    const setting = this.settings.get(space.id);
    if (!setting) return undefined;
    if (setting.buildsLeft !== null && --setting.buildsLeft === 0) this.settings.delete(space.id);
    return setting.duration;
  }

  snapshot(space: SpaceRecord): StuckBuildSnapshot | null {
    const setting = this.settings.get(space.id);
    return setting ? { ...setting } : null;
  }
}
