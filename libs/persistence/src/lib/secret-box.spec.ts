import { SecretBox, SecretBoxError } from './secret-box';

const KEY_A = 'a'.repeat(32) + '-first-key';
const KEY_B = 'b'.repeat(32) + '-second-key';

describe('SecretBox', () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const box = new SecretBox([KEY_A]);
    const first = box.seal('jwt signing key', 'secret:jwt');
    const second = box.seal('jwt signing key', 'secret:jwt');
    expect(first).not.toBe(second);
    expect(first).not.toContain('jwt signing key');
    expect(box.open(first, 'secret:jwt')).toBe('jwt signing key');
    expect(box.open(second, 'secret:jwt')).toBe('jwt signing key');
  });

  it('writes v1.<key id>.<iv>.<tag>.<ciphertext>, the key id naming the key without revealing it', () => {
    const box = new SecretBox([KEY_A]);
    const envelope = box.seal('x', 'c');
    const [version, id, iv, tag, ciphertext] = envelope.split('.');
    expect(version).toBe('v1');
    expect(id).toBe(box.keyId);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(1);
    expect(SecretBox.keyIdOf(envelope)).toBe(box.keyId);
    expect(SecretBox.keyIdOf('plain text')).toBeNull();
    expect(new SecretBox([KEY_A]).keyId).toBe(box.keyId);
    expect(new SecretBox([KEY_B]).keyId).not.toBe(box.keyId);
  });

  it('refuses another key, naming both key ids', () => {
    const envelope = new SecretBox([KEY_A]).seal('x', 'c');
    const other = new SecretBox([KEY_B]);
    expect(() => other.open(envelope, 'c')).toThrow(SecretBoxError);
    expect(() => other.open(envelope, 'c')).toThrow(`sealed with key ${SecretBox.keyIdOf(envelope)}, which is not the configured key (${other.keyId})`);
  });

  it('opens with an earlier key kept for rotation, and seals with the first', () => {
    const old = new SecretBox([KEY_A]).seal('kept', 'c');
    const rotated = new SecretBox([KEY_B, KEY_A]);
    expect(rotated.open(old, 'c')).toBe('kept');
    expect(SecretBox.keyIdOf(rotated.seal('new', 'c'))).toBe(new SecretBox([KEY_B]).keyId);
  });

  it('refuses an envelope moved to another context or altered', () => {
    const box = new SecretBox([KEY_A]);
    const envelope = box.seal('value', 'secret:jwt');
    expect(() => box.open(envelope, 'secret:other')).toThrow(/does not authenticate/);
    const parts = envelope.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 4), flipped.toString('base64url')].join('.'), 'secret:jwt')).toThrow(/does not authenticate/);
    expect(() => box.open('v1.abc', 'secret:jwt')).toThrow(/not a sealed secret/);
  });
});
