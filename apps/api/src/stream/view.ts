import { Visibility } from '../spaces/visibility';

/** What one viewer sees: a visibility, narrowed or not to some Spaces, and a key that names it. */
export interface View {
  visibility: Visibility;
  /** Lower-case ids, or null for the whole inventory. */
  only: ReadonlySet<string> | null;
  key: string;
}

export function viewOf(visibility: Visibility, only: ReadonlySet<string> | null): View {
  return { visibility, only, key: only === null ? visibility.key : `${visibility.key}|${[...only].sort().join(',')}` };
}

/** Whether a Space is in a view: visible to it, and among its Spaces when it is narrowed. */
export function inView(view: View, space: { id: string; private: boolean }): boolean {
  return view.visibility.sees(space) && (view.only === null || view.only.has(space.id.toLowerCase()));
}
