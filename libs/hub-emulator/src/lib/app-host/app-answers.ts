import type { AppAnswer } from '../scenario/scenario.schema';
import type { SpaceRecord } from '../state/space-record';

/** What each Space's app answers now: the scenario's, until control or a script changes it. */
export class AppAnswers {
  private readonly changed = new Map<string, AppAnswer>();

  get(space: SpaceRecord): AppAnswer {
    return this.changed.get(space.id) ?? space.def.app;
  }

  /** null: back to the scenario's answer. */
  set(space: SpaceRecord, answer: AppAnswer | null): void {
    if (answer === null) this.changed.delete(space.id);
    else this.changed.set(space.id, answer);
  }
}
