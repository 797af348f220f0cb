import type { Principal } from '../common/http/principal';

/**
 * What one caller may see of the Spaces: every public Space, and the private ones of the
 * accounts in its scope (all of them for an unscoped user or key, none for a visitor unless
 * SHOW_PRIVATE is on). The one visibility rule, for every route that carries Space data.
 * `key` names the view, so that what is computed per view (list bodies, stream encodings) is
 * shared by everyone who sees the same.
 */
export class Visibility {
  /** Everything: an unscoped user or key, or anyone when SHOW_PRIVATE is on. */
  static readonly everything = new Visibility('full', null);
  /** Public Spaces only: an anonymous visitor. */
  static readonly publicOnly = new Visibility('anonymous', new Set());

  private constructor(
    readonly key: string,
    /** Lower-cased owners whose private Spaces are visible; null: all. */
    private readonly privateOwners: ReadonlySet<string> | null,
  ) {}

  static of(principal: Principal | null, showPrivate: boolean): Visibility {
    if (principal === null) return showPrivate ? Visibility.everything : Visibility.publicOnly;
    if (showPrivate || principal.accounts === null) return Visibility.everything;
    if (principal.accounts.size === 0) return Visibility.publicOnly;
    const owners = [...new Set([...principal.accounts].map((account) => account.toLowerCase()))].sort();
    return new Visibility(`scope:${owners.join(',')}`, new Set(owners));
  }

  /** `id` is `owner/name`. */
  sees(space: { id: string; private: boolean }): boolean {
    if (!space.private || this.privateOwners === null) return true;
    return this.privateOwners.has(space.id.slice(0, space.id.indexOf('/')).toLowerCase());
  }
}
