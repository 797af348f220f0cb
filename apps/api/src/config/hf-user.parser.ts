import { HUB_NAME_PATTERN } from '../common/validation/hub-name';

/** One account to watch, as `HF_USER` lists it. */
export interface AccountConfig {
  name: string;
  /** Null for an account watched anonymously (`user3:`): public Spaces only, read-only. */
  token: string | null;
}

/** Visible ASCII only: a token never contains spaces, commas or control characters. */
const TOKEN = /^[\x21-\x2b\x2d-\x7e]+$/;

export class HfUserFormatError extends Error {}

/**
 * Parses `user1:token1,user2:token2,user3:`. Whitespace around names and tokens is
 * ignored, empty entries are skipped. Error messages never contain a token.
 */
export function parseHfUser(raw: string): AccountConfig[] {
  const accounts: AccountConfig[] = [];
  const seen = new Set<string>();
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const name = (colon === -1 ? entry : entry.slice(0, colon)).trim();
    const token = colon === -1 ? '' : entry.slice(colon + 1).trim();
    const position = `entry ${index + 1}`;
    if (name.length === 0) throw new HfUserFormatError(`${position} has no account name (expected name:token)`);
    if (!HUB_NAME_PATTERN.test(name)) {
      throw new HfUserFormatError(
        `${position}: "${name.slice(0, 100)}" is not a valid Hugging Face account name (letters, digits, "-", "_", "."; at most 96)`,
      );
    }
    if (token.length > 0 && !TOKEN.test(token)) {
      throw new HfUserFormatError(`${position} (${name}): the token contains spaces or characters a token cannot have`);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new HfUserFormatError(`account "${name}" is listed twice`);
    seen.add(key);
    accounts.push({ name, token: token.length > 0 ? token : null });
  });
  if (accounts.length === 0) throw new HfUserFormatError('lists no account (expected user1:token1,user2:token2,user3:)');
  return accounts;
}
