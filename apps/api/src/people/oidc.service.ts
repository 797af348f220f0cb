import { Injectable, Logger } from '@nestjs/common';
import { ERROR_CODES, ROLES, type Role } from '@hfd/contracts';
import type { UserRecord } from '@hfd/persistence';
import type * as OpenIdClient from 'openid-client';
import { randomBytes } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { AppConfigService } from '../config/app-config.service';
import { AuditService } from './audit.service';
import type { AuditContext } from './audit-context';
import { UsersService } from './users.service';

/**
 * openid-client 6 is an ES module only. TypeScript compiles `import()` to `require()` for this
 * CommonJS bundle, which cannot load it; a function made at run time keeps a real dynamic
 * import that Node resolves as ESM. (Jest cannot run one without --experimental-vm-modules, so
 * single sign-on is tested end to end against the built server.)
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** A login in progress, between the redirect to the provider and its callback. */
interface Pending {
  codeVerifier: string;
  nonce: string;
  expiresAt: number;
}

/** How long someone has to log in at the provider, and to pick the session up after. */
const PENDING_TTL_MS = 10 * 60_000;
const TICKET_TTL_MS = 60_000;
const MAX_PENDING = 10_000;

/** Why a single sign-on failed, as the dashboard is told in its address (`?oidcError=`). */
export class OidcFailure extends Error {
  constructor(
    readonly code: 'OIDC_STATE' | 'OIDC_PROVIDER' | 'OIDC_NO_ROLE' | 'OIDC_NAME_TAKEN' | 'OIDC_DISABLED_USER',
    message: string,
  ) {
    super(message);
  }
}

/** The highest role among the claim's values (an array, or one string of names split by spaces or commas). */
export function roleOfClaim(value: unknown): Role | null {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const named = new Set(values.filter((each): each is string => typeof each === 'string').map((each) => each.trim().toLowerCase()));
  return [...ROLES].reverse().find((role) => named.has(role)) ?? null;
}

/**
 * Single sign-on with any OpenID Connect provider: authorization code with PKCE, state and
 * nonce, through openid-client. The provider's metadata is read once, at the first login.
 * Someone the provider vouches for becomes (or is) a user of source `oidc`, with the role
 * OIDC_ROLE_CLAIM names (updated at each login), OIDC_DEFAULT_ROLE when it names none, or no
 * access. The session reaches the dashboard through a one-time ticket in the address it is
 * sent back to, exchanged for the token by `POST /auth/oidc/token`: no token in a URL.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly issuer: string | undefined;
  private readonly clientId: string | undefined;
  private readonly clientSecret: string | undefined;
  private readonly roleClaim: string;
  private readonly defaultRole: Role | undefined;
  private readonly publicUrl: string | undefined;
  private discovered: Promise<{ client: typeof OpenIdClient; config: OpenIdClient.Configuration }> | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly tickets = new Map<string, { userId: string; expiresAt: number }>();

  constructor(
    config: AppConfigService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {
    this.issuer = config.get('OIDC_ISSUER');
    this.clientId = config.get('OIDC_CLIENT_ID');
    this.clientSecret = config.get('OIDC_CLIENT_SECRET');
    this.roleClaim = config.get('OIDC_ROLE_CLAIM');
    this.defaultRole = config.get('OIDC_DEFAULT_ROLE');
    this.publicUrl = config.get('PUBLIC_URL');
  }

  get enabled(): boolean {
    return this.issuer !== undefined && this.clientId !== undefined;
  }

  /** Where the dashboard lives: PUBLIC_URL, or the origin the browser used. */
  baseUrl(requestOrigin: string): string {
    return this.publicUrl ?? requestOrigin;
  }

  /** The provider's authorization URL for a new login. */
  async authorizationUrl(base: string): Promise<string> {
    this.checkEnabled();
    const { client, config } = await this.provider();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    this.prune();
    this.pending.set(state, { codeVerifier, nonce, expiresAt: Date.now() + PENDING_TTL_MS });
    return client
      .buildAuthorizationUrl(config, {
        redirect_uri: `${base}/api/v1/auth/oidc/callback`,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  /** The provider sent the browser back: checks it all, and answers a one-time ticket for the session. */
  async callback(currentUrl: URL, context: AuditContext): Promise<string> {
    this.checkEnabled();
    const started = performance.now();
    const state = currentUrl.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    this.pending.delete(state);
    const fail = (failure: OidcFailure, actor: string | null = null): never => {
      this.audit.record(context, {
        kind: 'auth.login',
        result: 'failure',
        actor: { type: 'user', name: actor },
        detail: `oidc: ${failure.code}`,
        durationMs: Math.round(performance.now() - started),
      });
      throw failure;
    };
    if (pending === undefined || pending.expiresAt < Date.now()) fail(new OidcFailure('OIDC_STATE', 'This sign-in expired or was not started here; start again'));
    const { client, config } = await this.provider();
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending?.codeVerifier,
        expectedState: state,
        expectedNonce: pending?.nonce,
        idTokenExpected: true,
      });
      const idClaims: Record<string, unknown> = { ...tokens.claims() };
      const info = await client.fetchUserInfo(config, tokens.access_token, String(idClaims['sub']));
      claims = { ...idClaims, ...info };
    } catch (error) {
      this.logger.warn(`Single sign-on failed at the provider: ${error instanceof Error ? error.message : String(error)}`);
      return fail(new OidcFailure('OIDC_PROVIDER', 'The identity provider did not confirm the sign-in'));
    }
    const username = String(claims['preferred_username'] ?? claims['email'] ?? claims['sub']).slice(0, 64);
    const user = await this.userFor(username, roleOfClaim(claims[this.roleClaim]), context, fail);
    this.users.recordLogin(user);
    this.audit.record(context, {
      kind: 'auth.login',
      result: 'success',
      actor: { type: 'user', name: user.username },
      target: user.username,
      detail: 'oidc',
      durationMs: Math.round(performance.now() - started),
    });
    const ticket = randomBytes(32).toString('base64url');
    this.tickets.set(ticket, { userId: user.id, expiresAt: Date.now() + TICKET_TTL_MS });
    return ticket;
  }

  /** The user a ticket was made for, once; 401 for anything else. */
  redeem(ticket: string): UserRecord {
    const held = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    const user = held !== undefined && held.expiresAt >= Date.now() ? this.users.find(held.userId) : undefined;
    if (user === undefined || user.disabled) throw new ApiException(401, ERROR_CODES.invalidCredentials, 'This sign-in ticket is unknown, used or expired');
    return user;
  }

  private async userFor(username: string, claimed: Role | null, context: AuditContext, fail: (failure: OidcFailure, actor?: string) => never): Promise<UserRecord> {
    const existing = this.users.findByName(username);
    if (existing !== undefined) {
      // A local user of the same name is not someone the provider may speak for.
      if (existing.source !== 'oidc') return fail(new OidcFailure('OIDC_NAME_TAKEN', `A user named "${username}" exists here already`), username);
      if (existing.disabled) return fail(new OidcFailure('OIDC_DISABLED_USER', 'This user is disabled'), username);
      if (claimed !== null && claimed !== existing.role) await this.users.write(existing, { role: claimed });
      return existing;
    }
    const role = claimed ?? this.defaultRole ?? null;
    if (role === null) return fail(new OidcFailure('OIDC_NO_ROLE', `${this.roleClaim} names no role for you here, and no default role is set`), username);
    await this.users.create({ username, role, source: 'oidc' }, context);
    const created = this.users.findByName(username);
    if (created === undefined) throw new Error(`The user ${username} was created but cannot be found`);
    return created;
  }

  private provider(): Promise<{ client: typeof OpenIdClient; config: OpenIdClient.Configuration }> {
    this.discovered ??= (async () => {
      const client = (await importModule('openid-client')) as typeof OpenIdClient;
      const issuer = new URL(this.issuer as string);
      const authentication = this.clientSecret === undefined ? client.None() : client.ClientSecretBasic(this.clientSecret);
      // An http issuer is the operator's explicit choice (a provider on the same host or network); https otherwise.
      const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
      return { client, config: await client.discovery(issuer, this.clientId as string, undefined, authentication, options) };
    })().catch((error: unknown) => {
      // The next login tries again, rather than failing for good on a provider that was away.
      this.discovered = null;
      throw new OidcFailure('OIDC_PROVIDER', `The identity provider cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.discovered;
  }

  private checkEnabled(): void {
    if (!this.enabled) throw new ApiException(404, ERROR_CODES.notFound, 'Single sign-on is not configured (OIDC_ISSUER, OIDC_CLIENT_ID)');
  }

  private prune(): void {
    const now = Date.now();
    for (const [state, pending] of this.pending) if (pending.expiresAt < now) this.pending.delete(state);
    for (const [ticket, held] of this.tickets) if (held.expiresAt < now) this.tickets.delete(ticket);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
  }
}
