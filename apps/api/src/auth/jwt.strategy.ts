import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { SessionPrincipal } from '../common/http/principal';
import { AuthSecrets } from './auth-secrets';
import { RevokedSessionsStore } from './revoked-sessions.store';
import type { SessionClaims } from './session-claims';

export const JWT_STRATEGY = 'jwt';

/** Thrown by the strategy for a well-signed, unexpired token that was logged out. */
export class SessionRevokedError extends Error {
  constructor() {
    super('This session was logged out');
  }
}

function isSessionClaims(claims: Partial<SessionClaims>): claims is SessionClaims {
  return typeof claims.jti === 'string' && typeof claims.sub === 'string' && typeof claims.exp === 'number';
}

/**
 * The session token check, as a passport-jwt strategy: the signature with our secret, HS256
 * only, expiry, then the claims and revocation. PrincipalResolver runs it for every bearer that
 * is not the API key.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    secrets: AuthSecrets,
    private readonly revoked: RevokedSessionsStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // Read at each check, not captured: the secret may be generated or loaded after start.
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: null, secret: string) => void) => done(null, secrets.jwtSecret),
      // Pinning the algorithm refuses `alg: none` and tokens signed any other way.
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** `false` makes passport report the token as invalid; a revoked one is an error of its own kind. */
  validate(claims: Partial<SessionClaims>): SessionPrincipal | false {
    if (!isSessionClaims(claims)) return false;
    if (this.revoked.isRevoked(claims.jti)) throw new SessionRevokedError();
    return { kind: 'session', username: claims.sub, jti: claims.jti, expiresAt: claims.exp * 1000 };
  }
}
