import { SecretBox } from './secret-box';
import type { SettingsRepository } from './repositories/settings.repository';

/** Secrets the server generates for itself and keeps, encrypted under SECRET_KEY, in the settings. */
export class StoredSecrets {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly box: SecretBox,
  ) {}

  /**
   * The secret named `name`: the stored one, or `generate()`'s, stored first. Replicas that
   * start together all get the same one.
   */
  async getOrCreate(name: string, generate: () => string): Promise<string> {
    const key = `secret:${name}`;
    const stored = (await this.settings.get(key)) ?? (await this.settings.putIfAbsent(key, this.box.seal(generate(), key)));
    return this.box.open(stored, key);
  }

  /** Seals a secret kept elsewhere than the settings (a user's TOTP seed), bound to `context` (a row's id and column). */
  seal(plaintext: string, context: string): string {
    return this.box.seal(plaintext, context);
  }

  /** Opens what `seal` made under the same `context`; throws SecretBoxError otherwise. */
  open(envelope: string, context: string): string {
    return this.box.open(envelope, context);
  }
}
