import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ERROR_CODES, type LoginResponse, type MeResponse } from '@hfd/contracts';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import type { SessionPrincipal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { ATTENTION } from '../observability/logging/readable-lines';
import { AuthSecrets } from './auth-secrets';
import { LoginThrottleService } from './login-throttle.service';
import { RevokedSessionsStore } from './revoked-sessions.store';

/** Compares digests so that neither content nor length leaks through timing. */
function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  private readonly username: string;
  private readonly sessionTtlSeconds: number;

  constructor(
    config: AppConfigService,
    private readonly secrets: AuthSecrets,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly revoked: RevokedSessionsStore,
  ) {
    this.username = config.get('USER_NAME');
    this.sessionTtlSeconds = Math.round(config.get('SESSION_TTL') / 1000);
  }

  onApplicationBootstrap(): void {
    if (this.secrets.passwordGenerated) {
      // Printed once so the operator can log in; never a guessable default.
      this.logger.warn({
        msg: `USER_PASSWORD is not set: the login for "${this.username}" is "${this.secrets.password}" until this process stops (set USER_PASSWORD to choose one)`,
        [ATTENTION]: true,
      });
    }
  }

  async login(username: string, password: string, address: string, userAgent: string | null = null): Promise<LoginResponse> {
    await this.throttle.admit(username, address);
    // Both comparisons always run, so a wrong name costs as much as a wrong password.
    const nameMatches = sameSecret(username, this.username);
    const passwordMatches = sameSecret(password, this.secrets.password);
    if (!(nameMatches && passwordMatches)) {
      await this.throttle.recordFailure(address);
      throw new ApiException(401, ERROR_CODES.invalidCredentials, 'Wrong user name or password');
    }
    await this.throttle.recordSuccess(username, address);
    const jti = randomUUID();
    const accessToken = await this.jwt.signAsync(
      { sub: this.username, jti },
      { secret: this.secrets.jwtSecret, algorithm: 'HS256', expiresIn: this.sessionTtlSeconds },
    );
    const { iat, exp } = this.jwt.decode<{ iat: number; exp: number }>(accessToken);
    this.revoked.issued({ jti, username: this.username, issuedAt: iat * 1000, expiresAt: exp * 1000, address, userAgent });
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp * 1000).toISOString(), username: this.username, role: 'admin', accounts: null };
  }

  me(session: SessionPrincipal): MeResponse {
    return { username: session.username, expiresAt: new Date(session.expiresAt).toISOString(), role: 'admin', accounts: null, totpEnabled: false, sessionId: session.jti };
  }

  logout(session: SessionPrincipal): void {
    this.revoked.revoke(session);
  }
}
