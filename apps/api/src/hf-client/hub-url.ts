import { HubBadRequestError } from './hf-client.errors';

/** A Space id split into the two path segments the Hub expects. */
export interface SpaceRef {
  owner: string;
  name: string;
}

/**
 * `owner/name` → its parts. Refuses anything that would not be exactly two path segments:
 * an extra slash, an empty part, or `.`/`..` (which URL normalisation would turn into
 * another path even after encoding).
 */
export function parseSpaceId(id: string): SpaceRef {
  const parts = id.split('/');
  const valid = parts.length === 2 && parts.every((part) => part !== '' && part !== '.' && part !== '..');
  if (!valid) {
    throw new HubBadRequestError(`Not a Space id (expected owner/name): ${JSON.stringify(id.slice(0, 200))}`, { status: null });
  }
  return { owner: parts[0], name: parts[1] };
}

/** `/{prefix}/{owner}/{name}/{...rest}`, every segment encoded on its own; the slashes between them are not. */
export function spacePath(prefix: '/api/spaces' | '/v1', space: SpaceRef, ...rest: string[]): string {
  return [prefix, ...[space.owner, space.name, ...rest].map(encodeURIComponent)].join('/');
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Base URL + path + query; arrays become repeated parameters (`expand=a&expand=b`, as the Hub's clients send). */
export function buildUrl(base: string, path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const search = params.toString();
  return `${base.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

/**
 * A `Link` next URL, made safe to send a token to: resolved against the page it came
 * from, and moved onto our configured base when it names another origin, so a token never
 * leaves for a host we were not configured with.
 */
export function followLink(base: string, current: string, link: string): string {
  const next = new URL(link, current);
  const configured = new URL(base);
  if (next.origin === configured.origin) return next.toString();
  return `${base.replace(/\/+$/, '')}${next.pathname}${next.search}`;
}
