/** Paths of the original's external API carry an HF token as their first segment. */
const TOKEN_IN_PATH = /^(\/api\/v1\/(?:info|action)\/)[^/?#]+/;
/** Anything shaped like a Hugging Face user token, configured or not. */
const HF_TOKEN_SHAPE = /\bhf_[A-Za-z0-9]{8,}/g;

export const REDACTED = '[REDACTED]';

export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, `$1${REDACTED}`);
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
