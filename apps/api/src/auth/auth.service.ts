import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ERROR_CODES, type LoginResponse, type MeResponse, type Role, type SessionInfo, type SessionsListResponse } from '@hfd/contracts';
import { SessionsRepository, type SessionRecord, type UserRecord } from '@hfd/persistence';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import type { SessionPrincipal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { ATTENTION } from '../observability/logging/readable-lines';
import type { AuditContext } from '../people/audit-context';
import { AuditService } from '../people/audit.service';
import { SessionEvents } from '../people/session-events';
import { invalidCode, TotpService } from '../people/totp.service';
import { UsersService } from '../people/users.service';
import { AuthSecrets } from './auth-secrets';
import { browserOf } from './browser-of';
import { LoginThrottleService } from './login-throttle.service';
import { RevokedSessionsStore } from './revoked-sessions.store';

export interface LoginAttempt {
  username: string;
  password: string;
  code?: string;
}

export interface LoginContext extends AuditContext {
  address: string;
  userAgent: string | null;
}

function codeOf(error: unknown): string {
  return error instanceof ApiException ? ((error.getResponse() as { code?: string }).code ?? 'INTERNAL_ERROR') : 'INTERNAL_ERROR';
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  private readonly sessionTtlSeconds: number;

  constructor(
    private readonly config: AppConfigService,
    private readonly secrets: AuthSecrets,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly revoked: RevokedSessionsStore,
    private readonly users: UsersService,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
    private readonly events: SessionEvents,
    private readonly sessions: SessionsRepository,
  ) {
    this.sessionTtlSeconds = Math.round(config.get('SESSION_TTL') / 1000);
  }

  onApplicationBootstrap(): void {
    const generated = this.users.generatedPassword;
    if (generated !== null) {
      // Printed once, at the start that made it, so the operator can log in; never a guessable default.
      this.logger.warn({
        msg: `USER_PASSWORD is not set: the login for "${this.config.get('USER_NAME')}" is "${generated}" (stored; change it in the dashboard, or set USER_PASSWORD)`,
        [ATTENTION]: true,
      });
    }
  }

  /**
   * Name and password, then the TOTP code when the user has one. Every failure, the code's
   * included, counts against the address and the name as a wrong password does, and is audited
   * with its reason; a missing code (TOTP_REQUIRED) is the second step, not a failure.
   */
  async login(attempt: LoginAttempt, context: LoginContext): Promise<LoginResponse> {
    const started = performance.now();
    const audit = (result: 'success' | 'failure', detail: string | null) =>
      this.audit.record(context, {
        kind: 'auth.login',
        result,
        actor: { type: 'user', name: attempt.username.slice(0, 256) },
        target: attempt.username.slice(0, 256),
        detail,
        durationMs: Math.round(performance.now() - started),
      });
    try {
      await this.throttle.admit(attempt.username, context.address);
    } catch (error) {
      audit('failure', codeOf(error));
      throw error;
    }
    const user = await this.users.authenticate(attempt.username, attempt.password);
    if (user === null || user.disabled) {
      await this.throttle.recordFailure(context.address);
      audit('failure', user === null ? ERROR_CODES.invalidCredentials : ERROR_CODES.userDisabled);
      // A disabled user is told so only with the right password.
      if (user === null) throw new ApiException(401, ERROR_CODES.invalidCredentials, 'Wrong user name or password');
      throw new ApiException(401, ERROR_CODES.userDisabled, 'This user is disabled');
    }
    if (user.totpSecret !== null) {
      if (attempt.code === undefined) throw new ApiException(401, ERROR_CODES.totpRequired, 'Enter the code of your authenticator app, or a recovery code');
      if (!(await this.totp.verify(user, attempt.code))) {
        await this.throttle.recordFailure(context.address);
        audit('failure', ERROR_CODES.invalidTotpCode);
        throw invalidCode(401);
      }
    }
    await this.throttle.recordSuccess(attempt.username, context.address);
    this.users.recordLogin(user);
    const response = await this.issue(user, context);
    audit('success', null);
    return response;
  }

  me(session: SessionPrincipal): MeResponse {
    const user = this.users.find(session.userId);
    return {
      username: session.username,
      expiresAt: new Date(session.expiresAt).toISOString(),
      role: session.role,
      accounts: user?.accounts ?? null,
      totpEnabled: user?.totpSecret != null,
      sessionId: session.jti,
    };
  }

  /** A session of a trusted proxy is the proxy's to end: there is no token of ours to revoke. */
  logout(session: SessionPrincipal, context: AuditContext): void {
    if (!session.proxied) this.revoked.revoke(session);
    this.events.emit({ kind: 'session', jti: session.jti, reason: 'logout' });
    this.audit.record(context, { kind: 'auth.logout', result: 'success', target: session.jti });
  }

  /** One's own password; the answer is a fresh session, every other one ended. */
  async changePassword(session: SessionPrincipal, current: string, next: string, context: LoginContext): Promise<LoginResponse> {
    const user = this.userOf(session);
    await this.audit.track(context, { kind: 'auth.password', target: user.username }, () => this.users.changePassword(user, current, next));
    return this.issue(user, context);
  }

  /** One's own active sessions; an admin's answer has everyone's. */
  async listSessions(session: SessionPrincipal): Promise<SessionsListResponse> {
    const records = await this.sessions.active(Date.now(), session.role === 'admin' ? undefined : session.username);
    const user = (record: SessionRecord) => (record.userId === null ? undefined : this.users.find(record.userId));
    // Sessions the user's new password or role ended are still unrevoked rows until the queue writes them.
    const live = records.filter((record) => !this.revoked.isRevoked(record.id) && record.createdAt >= (user(record)?.sessionsValidAfter ?? 0));
    return { sessions: live.map((record) => toSessionInfo(record, session.jti)) };
  }

  /** Revokes one session: one's own, or anyone's for an admin (someone else's is not found otherwise). */
  async revokeSession(session: SessionPrincipal, id: string, context: AuditContext): Promise<void> {
    await this.audit.track(context, { kind: 'session.revoke', target: id }, async () => {
      const record = await this.sessions.find(id);
      if (record === null || record.revokedAt !== null || (record.username !== session.username && session.role !== 'admin')) {
        throw new ApiException(404, ERROR_CODES.notFound, 'No such active session');
      }
      this.revoked.revoke({ jti: record.id, username: record.username, expiresAt: record.expiresAt });
      this.events.emit({ kind: 'session', jti: record.id, reason: 'revoked' });
    });
  }

  /** A TOTP change, audited. */
  audited<T>(context: AuditContext, change: 'enable' | 'disable', username: string, work: () => Promise<T>): Promise<T> {
    return this.audit.track(context, { kind: 'auth.totp', target: username, detail: change }, work);
  }

  userOf(session: SessionPrincipal): UserRecord {
    const user = this.users.find(session.userId);
    if (user === undefined) throw new ApiException(401, ERROR_CODES.unauthorized, 'Login required, or the session is invalid or expired');
    return user;
  }

  /** A session for a user that signed in elsewhere (single sign-on). */
  openSession(user: UserRecord, context: LoginContext): Promise<LoginResponse> {
    return this.issue(user, context);
  }

  private async issue(user: UserRecord, context: LoginContext): Promise<LoginResponse> {
    const jti = randomUUID();
    const at = Date.now();
    const accessToken = await this.jwt.signAsync(
      { sub: user.username, uid: user.id, jti, at },
      { secret: this.secrets.jwtSecret, algorithm: 'HS256', expiresIn: this.sessionTtlSeconds },
    );
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    this.revoked.issued({ jti, username: user.username, userId: user.id, issuedAt: at, expiresAt: exp * 1000, address: context.address, userAgent: context.userAgent });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresAt: new Date(exp * 1000).toISOString(),
      username: user.username,
      role: user.role as Role,
      accounts: user.accounts,
    };
  }
}

function toSessionInfo(record: SessionRecord, currentJti: string): SessionInfo {
  return {
    id: record.id,
    username: record.username,
    address: record.address,
    userAgent: record.userAgent,
    browser: browserOf(record.userAgent),
    createdAt: new Date(record.createdAt).toISOString(),
    lastSeenAt: record.lastSeenAt === null ? null : new Date(record.lastSeenAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
    current: record.id === currentJti,
  };
}
