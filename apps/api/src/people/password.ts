import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * scrypt from node:crypto rather than argon2id: no native package to build or ship for every
 * platform of the image, it is memory-hard like argon2, it runs on libuv's thread pool (the
 * event loop is never blocked), and the stored hash is compared with timingSafeEqual.
 * N = 2^15, r = 8 (32 MiB, some 50-100 ms a hash): OWASP's floor for scrypt, slow enough for a
 * stolen database, fast enough that a login does not hold the pool.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Room for N = 2^15 with r = 8 (128 * N * r bytes) and headroom. */
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash of no password at all: verified against when the name is unknown, so that costs what a wrong password costs. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'));
  return decoy;
}

/** Constant-time: the derived key is compared with timingSafeEqual. False for anything not made by hashPassword. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const PASSWORD_MIN_LENGTH = 12;

/**
 * Passwords of 12 characters or more that attackers try first (lists of leaked passwords, and
 * this product's own names). Compared lower-cased.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  'qwertyuiop12',
  'qwertyuiopas',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'p@ssw0rd1234',
  'iloveyou1234',
  'administrator',
  'admin1234567',
  'adminadmin123',
  'changeme1234',
  'letmein12345',
  'welcome12345',
  'correct horse battery staple',
  'correcthorsebatterystaple',
  'huggingface123',
  'huggingface1234',
  'hf-dashboard123',
]);

/** Why `password` is refused, or null when it may be used. */
export function passwordWeakness(password: string, username?: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is on a list of common passwords; choose another';
  if (/^(.)\1*$/u.test(password)) return 'The password repeats one character; choose another';
  if (username !== undefined && lower.includes(username.toLowerCase()) && username.length >= 3) return 'The password must not contain the user name';
  return null;
}
