import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { SessionPrincipal } from '../common/http/principal';
import { UsersService } from '../people/users.service';
import { AuthSecrets } from './auth-secrets';
import { RevokedSessionsStore } from './revoked-sessions.store';
import type { SessionClaims } from './session-claims';

export const JWT_STRATEGY = 'jwt';

/** Thrown by the strategy for a well-signed, unexpired token that was logged out, or ended with its user's password or role. */
export class SessionRevokedError extends Error {
  constructor() {
    super('This session was logged out');
  }
}

/** Thrown by the strategy for a well-signed, unexpired token of a disabled user. */
export class UserDisabledError extends Error {
  constructor() {
    super('This user is disabled');
  }
}

function isSessionClaims(claims: Partial<SessionClaims>): claims is SessionClaims {
  return (
    typeof claims.jti === 'string' &&
    typeof claims.sub === 'string' &&
    typeof claims.uid === 'string' &&
    typeof claims.at === 'number' &&
    typeof claims.exp === 'number'
  );
}

/**
 * The session token check, as a passport-jwt strategy: the signature with our secret, HS256
 * only, expiry, then the claims, revocation and the user as it is now (gone, disabled, its
 * sessions ended by a new password or role). PrincipalResolver runs it for every bearer that
 * is not an API key. Role and scope come from the user, not the token.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    secrets: AuthSecrets,
    private readonly revoked: RevokedSessionsStore,
    private readonly users: UsersService,
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

  /** `false` makes passport report the token as invalid; revoked and disabled are errors of their own kinds. */
  validate(claims: Partial<SessionClaims>): SessionPrincipal | false {
    if (!isSessionClaims(claims)) return false;
    if (this.revoked.isRevoked(claims.jti)) throw new SessionRevokedError();
    const user = this.users.find(claims.uid);
    if (user === undefined || user.username !== claims.sub) return false;
    if (user.disabled) throw new UserDisabledError();
    if (claims.at < user.sessionsValidAfter) throw new SessionRevokedError();
    this.revoked.seen(claims.jti);
    return {
      kind: 'session',
      username: user.username,
      userId: user.id,
      role: user.role as SessionPrincipal['role'],
      accounts: user.accounts === null ? null : new Set(user.accounts.map((account) => account.toLowerCase())),
      jti: claims.jti,
      expiresAt: claims.exp * 1000,
    };
  }
}
