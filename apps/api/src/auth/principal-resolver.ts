import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import passport from 'passport';
import { ApiKeyService } from '../api-key/api-key.service';
import { bearerToken } from '../common/http/bearer-token';
import { CONFIGURED_KEY_NAME, type Principal, type SessionPrincipal } from '../common/http/principal';
import { NamedKeysService } from '../people/named-keys.service';
import { ProxyAuthService } from '../people/proxy-auth.service';
import { JWT_STRATEGY, JwtStrategy, SessionRevokedError, UserDisabledError } from './jwt.strategy';

/** What the `Authorization` header of a request amounts to. */
export type Credential =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly principal: Principal }
  /** A bearer that is no key and no valid session: bad signature, expired, malformed, a revoked or expired named key. */
  | { readonly kind: 'invalid' }
  /** A session that was logged out, or ended by its user's new password or role. */
  | { readonly kind: 'revoked' }
  /** A session of a disabled user. */
  | { readonly kind: 'disabled' };

/** The configured API_KEY: an admin key for every account. */
const CONFIGURED_KEY: Principal = { kind: 'apiKey', name: CONFIGURED_KEY_NAME, keyId: null, role: 'admin', accounts: null, expiresAt: null };

/**
 * The one place that reads the `Authorization` header: `Bearer <API_KEY>`, `Bearer <named
 * key>` or `Bearer <session JWT>`; without one, a trusted proxy's `Remote-User` (TRUSTED_PROXY_AUTH). Keys are compared in constant time; anything else must be
 * an HS256 JWT signed with our secret, unexpired, not revoked, of an enabled user.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly namedKeys: NamedKeysService,
    private readonly proxy: ProxyAuthService,
    // Asked for so that Nest creates it, which registers it with passport under JWT_STRATEGY.
    _jwtStrategy: JwtStrategy,
  ) {}

  async resolve(request: IncomingMessage): Promise<Credential> {
    const bearer = bearerToken(request);
    if (bearer === null) {
      const proxied = await this.proxy.principalOf(request);
      return proxied === null ? { kind: 'none' } : { kind: 'valid', principal: proxied };
    }
    if (this.apiKeys.matches(bearer)) return { kind: 'valid', principal: CONFIGURED_KEY };
    if (NamedKeysService.looksNamed(bearer)) return this.namedKeys.check(bearer);
    return this.session(request);
  }

  /** Runs the passport-jwt strategy with a callback, so its verdict comes back here rather than as a response. */
  private session(request: IncomingMessage): Promise<Credential> {
    return new Promise((resolve) => {
      // By name, not by instance: passport then checks each request on a copy of the strategy,
      // whereas an instance would be shared by concurrent checks and answer the wrong one.
      const authenticate = passport.authenticate(JWT_STRATEGY, { session: false }, (error: unknown, user: SessionPrincipal | false) => {
        if (error instanceof SessionRevokedError) resolve({ kind: 'revoked' });
        else if (error instanceof UserDisabledError) resolve({ kind: 'disabled' });
        else if (error || !user) resolve({ kind: 'invalid' });
        else resolve({ kind: 'valid', principal: user });
      }) as (request: IncomingMessage, response: object, next: (error?: unknown) => void) => void;
      // The callback form never writes to the response nor calls next.
      authenticate(request, {}, () => resolve({ kind: 'invalid' }));
    });
  }
}
