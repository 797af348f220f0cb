import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiKeyService } from '../api-key/api-key.service';
import { bearerToken } from '../common/http/bearer-token';
import type { Principal } from '../common/http/principal';
import { AuthSecrets } from './auth-secrets';
import { RevokedSessionsStore } from './revoked-sessions.store';
import type { SessionClaims } from './session-claims';

/** What the `Authorization` header of a request amounts to. */
export type Credential =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly principal: Principal }
  /** A bearer that is neither the API key nor a valid session: bad signature, expired, malformed. */
  | { readonly kind: 'invalid' }
  /** A session that was logged out. */
  | { readonly kind: 'revoked' };

function isSessionClaims(claims: Partial<SessionClaims>): claims is SessionClaims {
  return typeof claims.jti === 'string' && typeof claims.sub === 'string' && typeof claims.exp === 'number';
}

/**
 * The one place that reads the `Authorization` header: `Bearer <API_KEY>` or `Bearer <session JWT>`.
 * The key is compared first, in constant time; anything else must be an HS256 JWT signed with
 * our secret, unexpired and not revoked.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly jwt: JwtService,
    private readonly secrets: AuthSecrets,
    private readonly revoked: RevokedSessionsStore,
  ) {}

  async resolve(request: Request): Promise<Credential> {
    const bearer = bearerToken(request);
    if (bearer === null) return { kind: 'none' };
    if (this.apiKeys.matches(bearer)) return { kind: 'valid', principal: { kind: 'apiKey' } };
    let claims: Partial<SessionClaims>;
    try {
      // Pinning the algorithm refuses `alg: none` and tokens signed any other way; expiry is checked.
      claims = await this.jwt.verifyAsync<Partial<SessionClaims>>(bearer, { secret: this.secrets.jwtSecret, algorithms: ['HS256'] });
    } catch {
      return { kind: 'invalid' };
    }
    if (!isSessionClaims(claims)) return { kind: 'invalid' };
    if (this.revoked.isRevoked(claims.jti)) return { kind: 'revoked' };
    return { kind: 'valid', principal: { kind: 'session', username: claims.sub, jti: claims.jti, expiresAt: claims.exp * 1000 } };
  }
}
