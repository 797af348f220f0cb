import { HUB_NAME_PATTERN } from '../common/validation/hub-name';

/** One account to watch, as `HF_USER` lists it. */
export interface AccountConfig {
  name: string;
  /** Null for an account watched anonymously (`user3:`): public Spaces only, read-only. */
  token: string | null;
}

/** Visible ASCII only: a token never contains spaces, commas or control characters. */
const TOKEN = /^[\x21-\x2b\x2d-\x7e]+$/;
/** A Hugging Face access token where an account name belongs (`HF_USER=hf_…`, the name forgotten). */
const TOKEN_AS_NAME = /^hf_[A-Za-z0-9]{20,}$/;

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
    // The name is not repeated: with the colon missing (`user1 hf_…`, `user1=hf_…`) it holds the token.
    if (!HUB_NAME_PATTERN.test(name)) {
      throw new HfUserFormatError(
        `${position}: the account name is not a valid Hugging Face account name (letters, digits, "-", "_", "."; at most 96; expected name:token)`,
      );
    }
    if (TOKEN_AS_NAME.test(name)) throw new HfUserFormatError(`${position} is a token where the account name belongs (expected name:token)`);
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
