import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Fixed inputs of the key derivation: changing them would make every stored secret unreadable. */
const HKDF_SALT = 'hf-spaces-dashboard';
const HKDF_INFO = 'stored secrets v1';

interface DerivedKey {
  id: string;
  key: Buffer;
}

/** Thrown when an envelope cannot be opened; the message says why without quoting it. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

function derive(secretKey: string): DerivedKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
  // Names the key without revealing it, so an envelope says which key sealed it.
  const id = createHash('sha256').update('key id').update(key).digest('hex').slice(0, 12);
  return { id, key };
}

/**
 * Encrypts stored secrets (AES-256-GCM) under SECRET_KEY. An envelope is
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts): the key id lets a later release
 * rotate the key, opening with the old key and sealing with the new one. Each secret is bound
 * to its `context` (its setting name, say) as associated data, so an envelope copied to another
 * row does not open there.
 */
export class SecretBox {
  private readonly keys: readonly DerivedKey[];

  /** `secretKeys[0]` seals; every one of them opens what it sealed. */
  constructor(secretKeys: readonly [string, ...string[]]) {
    this.keys = secretKeys.map(derive);
  }

  /** The id of the key that seals. */
  get keyId(): string {
    return this.keys[0].id;
  }

  /** The id of the key an envelope was sealed with, or null if it is not an envelope. */
  static keyIdOf(envelope: string): string | null {
    const parts = envelope.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
  }

  seal(plaintext: string, context: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(envelope: string, context: string): string {
    const [version, id, iv, tag, ciphertext] = envelope.split('.');
    if (version !== VERSION || ciphertext === undefined) throw new SecretBoxError('not a sealed secret');
    const key = this.keys.find((candidate) => candidate.id === id);
    if (!key) throw new SecretBoxError(`sealed with key ${id}, which is not the configured key (${this.keyId})`);
    const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`sealed with key ${id} but does not authenticate: altered, or stored under another name`);
    }
  }
}
