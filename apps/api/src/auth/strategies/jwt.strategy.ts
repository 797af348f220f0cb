import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ERROR_CODES } from '@hfd/contracts';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiException } from '../../common/errors/api.exception';
import type { Principal } from '../../common/http/principal';
import { AuthSecrets } from '../auth-secrets';
import { RevokedSessionsStore } from '../revoked-sessions.store';
import type { SessionClaims } from '../session-claims';

export const JWT_STRATEGY = 'jwt';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    secrets: AuthSecrets,
    private readonly revoked: RevokedSessionsStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secrets.jwtSecret,
      // Pinning the algorithm refuses `alg: none` and tokens signed any other way.
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: SessionClaims): Principal {
    if (typeof claims.jti !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
      throw new ApiException(401, ERROR_CODES.unauthorized, 'Session invalid or expired');
    }
    if (this.revoked.isRevoked(claims.jti)) {
      throw new ApiException(401, ERROR_CODES.sessionRevoked, 'This session was logged out');
    }
    return { kind: 'session', username: claims.sub, jti: claims.jti, expiresAt: claims.exp * 1000 };
  }
}
