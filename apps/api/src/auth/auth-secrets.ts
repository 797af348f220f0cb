import type { StoredSecrets } from '@hfd/persistence';
import { randomBytes } from 'node:crypto';
import type { AppConfigService } from '../config/app-config.service';

/** The name of the generated session signing key among the stored secrets. */
export const JWT_SECRET_NAME = 'jwt-secret';

/** The session signing key, generated when not configured. (Passwords are the users', in the database.) */
export class AuthSecrets {
  private constructor(readonly jwtSecret: string) {}

  /**
   * JWT_SECRET, or one generated once and kept in the database (encrypted), so that sessions
   * survive a restart and every replica signs alike.
   */
  static async load(config: AppConfigService, stored: StoredSecrets): Promise<AuthSecrets> {
    return new AuthSecrets(config.get('JWT_SECRET') ?? (await stored.getOrCreate(JWT_SECRET_NAME, () => randomBytes(48).toString('base64url'))));
  }
}
