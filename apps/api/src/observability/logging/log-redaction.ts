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
 * A last line of defence applied to every serialized log line: known secret values
 * and token-shaped strings are replaced, whatever code path put them there.
 */
export function createSecretScrubber(secrets: readonly string[]): (line: string) => string {
  // Longest first, so a secret containing another is replaced whole.
  const known = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  const pattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;
  return (line) => {
    const scrubbed = pattern ? line.replace(pattern, REDACTED) : line;
    return scrubbed.replace(HF_TOKEN_SHAPE, REDACTED);
  };
}
