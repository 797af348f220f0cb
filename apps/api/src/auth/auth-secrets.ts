import { randomBytes } from 'node:crypto';
import type { AppConfigService } from '../config/app-config.service';

/** The session signing key and the login password, generated when not configured. */
export class AuthSecrets {
  private constructor(
    readonly jwtSecret: string,
    readonly password: string,
    /** True when USER_PASSWORD was unset and a random password was made for this process. */
    readonly passwordGenerated: boolean,
  ) {}

  static fromConfig(config: AppConfigService): AuthSecrets {
    const password = config.get('USER_PASSWORD');
    return new AuthSecrets(
      config.get('JWT_SECRET') ?? randomBytes(48).toString('base64url'),
      password ?? randomBytes(12).toString('base64url'),
      password === undefined,
    );
  }
}
