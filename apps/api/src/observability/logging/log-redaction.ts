import { pathToRegexp } from 'path-to-regexp';

/** Anything shaped like a Hugging Face user token, configured or not. */
const HF_TOKEN_SHAPE = /\bhf_[A-Za-z0-9]{8,}/g;
/** A route parameter that holds a secret (the original's external API takes an HF token in its path). */
const SECRET_PARAMETER = 'token';
/**
 * The original's token paths, for requests no route matched (a 404 still logs its URL); in
 * any case, as Express routes without regard to it.
 */
const UNROUTED_TOKEN_PATH = /^(\/api\/v1\/(?:info|action)\/)[^/]+/i;
/** An absolute-form request target (`GET http://host/path`): Express routes its path. */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

export const REDACTED = '[REDACTED]';

interface SecretRoute {
  /** Matches a path as Express does (any case, an optional trailing slash), with group indices. */
  readonly pattern: RegExp;
  /** The capturing groups that hold a secret. */
  readonly groups: readonly number[];
}

function secretRoute(path: string): SecretRoute | null {
  const { regexp, keys } = pathToRegexp(path, { sensitive: false, trailing: true, end: true });
  const groups = keys.flatMap((key, index) => (key.type === 'param' && key.name === SECRET_PARAMETER ? [index + 1] : []));
  return groups.length === 0 ? null : { pattern: new RegExp(regexp.source, `${regexp.flags}d`), groups };
}

/**
 * Hides the secret parameters of the route a request URL is routed to, whatever its spelling
 * (`/api/V1/INFO/<token>/`, an absolute-form target), and keeps the rest of the URL as it came.
 * `routePaths` gives the application's routes in Express syntax: a new array when they change.
 */
export function createUrlRedactor(routePaths: () => readonly string[]): (url: string) => string {
  let compiledFrom: readonly string[] | null = null;
  let routes: SecretRoute[] = [];
  return (url) => {
    const paths = routePaths();
    if (paths !== compiledFrom) {
      compiledFrom = paths;
      routes = paths.map(secretRoute).filter((route): route is SecretRoute => route !== null);
    }
    const target = url.replace(ABSOLUTE_FORM, '');
    const end = target.search(/[?#]/);
    const path = end === -1 ? target : target.slice(0, end);
    const rest = end === -1 ? '' : target.slice(end);
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match?.indices) continue;
      let redacted = path;
      // From the last group back, so earlier indices stay valid.
      for (const group of [...route.groups].reverse()) {
        const span = match.indices[group];
        if (span) redacted = `${redacted.slice(0, span[0])}${REDACTED}${redacted.slice(span[1])}`;
      }
      return redacted + rest;
    }
    return path.replace(UNROUTED_TOKEN_PATH, `$1${REDACTED}`) + rest;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A secret as a logged URL holds it when a client percent-encoded it (`+` `/` `=` of a
 * base64 key become `%2B` `%2F` `%3D`), with hex digits of either case; null when encoding
 * changes nothing.
 */
function encodedPattern(secret: string): string | null {
  const encoded = encodeURIComponent(secret);
  if (encoded === secret) return null;
  return encoded
    .split(/(%[0-9A-F]{2})/)
    .map((part) => (/^%[0-9A-F]{2}$/.test(part) ? part.replace(/[A-F]/g, (digit) => `[${digit}${digit.toLowerCase()}]`) : escapeRegExp(part)))
    .join('');
}

/**
 * A last line of defence applied to every serialized log line: known secret values
 * (as they are, or percent-encoded in a URL) and token-shaped strings are replaced,
 * whatever code path put them there.
 */
export function createSecretScrubber(secrets: readonly string[]): (line: string) => string {
  // Longest first, so a secret containing another is replaced whole.
  const known = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  const alternatives = [
    ...known.map(encodedPattern).filter((pattern): pattern is string => pattern !== null),
    ...known.map(escapeRegExp),
  ];
  const pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
  return (line) => {
    const scrubbed = pattern ? line.replace(pattern, REDACTED) : line;
    return scrubbed.replace(HF_TOKEN_SHAPE, REDACTED);
  };
}
