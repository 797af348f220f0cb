import { HubError } from './hub-error';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The query string as sent, repeated keys kept: the Hub reads arrays from repeated
 * parameters, in both `expand=a&expand=b` and `expand[]=a` form (docs/hub-api.md §0.3).
 */
export class HubQuery {
  private readonly params: URLSearchParams;

  constructor(readonly raw: string) {
    this.params = new URLSearchParams(raw);
  }

  static fromUrl(url: string): HubQuery {
    const index = url.indexOf('?');
    return new HubQuery(index === -1 ? '' : url.slice(index + 1));
  }

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** Every value of `name` and `name[]`, in the order sent. */
  all(name: string): string[] {
    return [...this.params].filter(([key]) => key === name || key === `${name}[]`).map(([, value]) => value);
  }

  /** The raw `key=value` pairs other than `exclude`, encoding untouched, for the `Link` next URL. */
  rawPairsWithout(exclude: string): string[] {
    return this.raw.split('&').filter((pair) => pair !== '' && safeDecode(pair.split('=')[0] ?? '') !== exclude);
  }

  /** A non-negative integer parameter, or undefined when absent. */
  nonNegativeInt(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new HubError({ status: 400, error: `"${name}" must be a non-negative integer` });
    return Number(value);
  }

  /** `true` in any case (Python clients send `True`) or `1`. */
  flag(name: string): boolean {
    const value = this.get(name)?.toLowerCase();
    return value === 'true' || value === '1';
  }
}
