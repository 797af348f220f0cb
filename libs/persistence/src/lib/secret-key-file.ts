import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PersistenceStartError, reason } from './start-error';

export const SECRET_KEY_FILE = 'secret.key';
/** The same floor as the SECRET_KEY variable. */
export const SECRET_KEY_MIN_LENGTH = 32;

export interface SecretKeyFromFile {
  key: string;
  file: string;
  /** True when this start made the file. */
  created: boolean;
  /** Set when the file is readable by others than its owner. */
  warning: string | null;
}

function existing(file: string): SecretKeyFromFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PersistenceStartError(`DATA_DIR: cannot read ${file}: ${reason(error)}`);
  }
  const key = text.trim();
  if (key.length < SECRET_KEY_MIN_LENGTH) {
    throw new PersistenceStartError(
      `DATA_DIR: ${file} holds ${key.length} characters, not the ${SECRET_KEY_MIN_LENGTH}+ of a key: restore it from your backup (the stored secrets need it), or set SECRET_KEY`,
    );
  }
  const open = (statSync(file).mode & 0o077) !== 0;
  return { key, file, created: false, warning: open ? `${file} is readable by other users: chmod 600 it` : null };
}

/**
 * SECRET_KEY when the variable is unset and the data is in SQLite: read from
 * `$DATA_DIR/secret.key`, or made once there (32 random bytes, base64url) with mode 0600.
 * `mustExist` is set when the database already holds secrets: a missing key file is then a
 * lost key, never a reason to make a new one.
 */
export function secretKeyFromFile(dataDir: string, mustExist: boolean): SecretKeyFromFile {
  const file = join(dataDir, SECRET_KEY_FILE);
  const found = existing(file);
  if (found) return found;
  if (mustExist) {
    throw new PersistenceStartError(
      `DATA_DIR: ${file} is missing, but the database holds secrets encrypted with it: restore it from your backup, or set SECRET_KEY to the key it held`,
    );
  }
  const key = randomBytes(32).toString('base64url');
  try {
    // 'wx': of two processes starting together, one writes and the other reads what it wrote.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return secretKeyFromFile(dataDir, true);
    throw new PersistenceStartError(`DATA_DIR: cannot write ${file}: ${reason(error)}`);
  }
  return { key, file, created: true, warning: null };
}
