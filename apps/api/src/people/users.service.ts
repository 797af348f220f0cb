import { Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { ERROR_CODES, ROLES, type Role, type SessionEndedEvent, type User, type UserSource } from '@hfd/contracts';
import { SessionsRepository, UsernameTakenError, UsersRepository, WriteQueueFullError, type UserChanges, type UserRecord } from '@hfd/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { AppConfigService } from '../config/app-config.service';
import { HubTarget } from '../hub-target/hub-target';
import { AuditService } from './audit.service';
import type { AuditContext } from './audit-context';
import { decoyHash, hashPassword, passwordWeakness, verifyPassword } from './password';
import { SessionEvents } from './session-events';

export interface NewUser {
  username: string;
  password?: string;
  role: Role;
  accounts?: string[] | null;
  source?: UserSource;
}

export interface UserUpdate {
  role?: Role;
  accounts?: string[] | null;
  disabled?: boolean;
  password?: string;
}

function notFound(): ApiException {
  return new ApiException(404, ERROR_CODES.notFound, 'No such user');
}

export function toUser(record: UserRecord): User {
  return {
    id: record.id,
    username: record.username,
    role: record.role as Role,
    accounts: record.accounts,
    disabled: record.disabled,
    totpEnabled: record.totpSecret !== null,
    source: record.source as UserSource,
    createdAt: new Date(record.createdAt).toISOString(),
    lastLoginAt: record.lastLoginAt === null ? null : new Date(record.lastLoginAt).toISOString(),
  };
}

/**
 * The users, kept in memory (loaded at start, written through) so that every request's check
 * of its session (disabled? role? scope? ended?) costs no database read. Changes are written
 * to the database first and answered only once stored.
 */
@Injectable()
export class UsersService implements OnModuleInit {
  private readonly logger = new Logger(UsersService.name);
  private readonly byId = new Map<string, UserRecord>();
  private readonly idByName = new Map<string, string>();
  /** The random password made for USER_NAME at this start, to be printed once; null otherwise. */
  generatedPassword: string | null = null;

  constructor(
    private readonly config: AppConfigService,
    private readonly repository: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly events: SessionEvents,
    private readonly audit: AuditService,
    @Optional() private readonly hub?: HubTarget,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const record of await this.repository.list()) this.remember(record);
    await this.ensureConfiguredAdmin();
  }

  /**
   * USER_NAME/USER_PASSWORD create that admin, or update it (password, admin role, enabled)
   * when it exists. With USER_PASSWORD unset, a random password is made only when there is no
   * admin at all, and printed once; once an admin exists nothing is made or printed.
   */
  private async ensureConfiguredAdmin(): Promise<void> {
    const username = this.config.get('USER_NAME');
    const password = this.config.get('USER_PASSWORD');
    const existing = this.findByName(username);
    if (password === undefined) {
      if (existing !== undefined || [...this.byId.values()].some((user) => user.role === 'admin')) return;
      this.generatedPassword = randomBytes(12).toString('base64url');
      await this.insert({ username, password: this.generatedPassword, role: 'admin' });
      return;
    }
    // Refusing it would stop deployments that ran with it before; saying so is the most that is fair.
    const weakness = passwordWeakness(password, username);
    if (weakness !== null) this.logger.warn(`USER_PASSWORD is weak (${weakness}): set a stronger one`);
    if (existing === undefined) {
      await this.insert({ username, password, role: 'admin' });
      return;
    }
    const changes: UserChanges = {};
    if (existing.passwordHash === null || !(await verifyPassword(password, existing.passwordHash))) {
      changes.passwordHash = await hashPassword(password);
      changes.sessionsValidAfter = Date.now();
    }
    if (existing.role !== 'admin') changes.role = 'admin';
    if (existing.disabled) changes.disabled = false;
    if (Object.keys(changes).length > 0) await this.write(existing, changes);
  }

  list(): User[] {
    return [...this.byId.values()].sort((a, b) => a.username.localeCompare(b.username)).map(toUser);
  }

  find(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  findByName(username: string): UserRecord | undefined {
    const id = this.idByName.get(username.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  /**
   * The user whose name and password these are, or null. Always derives one scrypt key, also
   * for an unknown or password-less name, so the time taken does not tell names apart.
   */
  async authenticate(username: string, password: string): Promise<UserRecord | null> {
    const user = this.findByName(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    return ok && user !== undefined && user.passwordHash !== null ? user : null;
  }

  recordLogin(user: UserRecord): void {
    user.lastLoginAt = Date.now();
    try {
      this.repository.recordLogin(user.id, user.lastLoginAt);
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
      this.logger.warn(`The login time of "${user.username}" is not recorded: ${error.message}`);
    }
  }

  async create(input: NewUser, context: AuditContext): Promise<User> {
    return this.audit.track(context, { kind: 'user.create', target: input.username, detail: `role=${input.role}` }, async () => {
      this.checkRole(input.role);
      const accounts = this.checkAccounts(input.accounts ?? null);
      if (input.password !== undefined) this.checkPassword(input.password, input.username);
      return toUser(await this.insert({ ...input, accounts }));
    });
  }

  async update(id: string, input: UserUpdate, context: AuditContext): Promise<User> {
    const user = this.find(id);
    const detail = Object.keys(input).map((field) => (field === 'password' ? 'password' : `${field}=${JSON.stringify(input[field as keyof UserUpdate])}`));
    return this.audit.track(context, { kind: 'user.update', target: user?.username ?? id, detail: detail.join(' ') }, async () => {
      if (user === undefined) throw notFound();
      const changes: UserChanges = {};
      let ended: SessionEndedEvent['reason'] | null = null;
      if (input.role !== undefined && input.role !== user.role) {
        this.checkRole(input.role);
        changes.role = input.role;
        ended = 'role-changed';
      }
      if (input.accounts !== undefined) {
        changes.accounts = this.checkAccounts(input.accounts);
        ended = 'role-changed';
      }
      if (input.disabled !== undefined && input.disabled !== user.disabled) {
        changes.disabled = input.disabled;
        if (input.disabled) ended = 'disabled';
      }
      if (input.password !== undefined) {
        this.checkPassword(input.password, user.username);
        changes.passwordHash = await hashPassword(input.password);
        ended = 'password-changed';
      }
      const remainsAdmin = (changes.role ?? user.role) === 'admin' && !(changes.disabled ?? user.disabled);
      if (user.role === 'admin' && !user.disabled && !remainsAdmin) this.checkNotLastAdmin(user);
      // Disabled or a new password: every session is refused from now on. A new role or scope
      // applies to the next request anyway; the open streams, admitted under the old one, end.
      const refused = ended === 'disabled' || ended === 'password-changed';
      if (refused) changes.sessionsValidAfter = Date.now();
      await this.write(user, changes);
      if (ended !== null) this.endSessions(user, ended, refused);
      return toUser(user);
    });
  }

  async remove(id: string, context: AuditContext): Promise<void> {
    const user = this.find(id);
    await this.audit.track(context, { kind: 'user.delete', target: user?.username ?? id }, async () => {
      if (user === undefined) throw notFound();
      if (user.role === 'admin' && !user.disabled) this.checkNotLastAdmin(user);
      await this.repository.delete(id);
      this.byId.delete(id);
      this.idByName.delete(user.username.toLowerCase());
      this.endSessions(user, 'deleted', true);
    });
  }

  /** One's own password: the current one must be given. Ends every session of the user. */
  async changePassword(user: UserRecord, current: string, next: string): Promise<void> {
    if (user.passwordHash === null || !(await verifyPassword(current, user.passwordHash))) {
      throw new ApiException(400, ERROR_CODES.wrongPassword, 'The current password is wrong');
    }
    this.checkPassword(next, user.username);
    await this.write(user, { passwordHash: await hashPassword(next), sessionsValidAfter: Date.now() });
    this.endSessions(user, 'password-changed', true);
  }

  /** Stores `changes` and applies them to the user in memory. */
  async write(user: UserRecord, changes: UserChanges): Promise<void> {
    await this.repository.update(user.id, changes);
    Object.assign(user, changes);
  }

  /** The user's open streams end; with `revoke`, every session is also marked revoked in the list of sessions. */
  private endSessions(user: UserRecord, reason: SessionEndedEvent['reason'], revoke: boolean): void {
    if (revoke) this.markRevoked(user);
    this.events.emit({ kind: 'user', userId: user.id, reason });
  }

  private markRevoked(user: UserRecord): void {
    try {
      this.sessions.revokeAllOf(user.username, Date.now());
    } catch (error) {
      // The sessions are refused anyway (sessionsValidAfter is stored); only the list of sessions lags.
      if (!(error instanceof WriteQueueFullError)) throw error;
      this.logger.warn(`The sessions of "${user.username}" are not marked revoked in the database: ${error.message}`);
    }
  }

  private async insert(input: NewUser): Promise<UserRecord> {
    const record: UserRecord = {
      id: randomUUID(),
      username: input.username,
      passwordHash: input.password === undefined ? null : await hashPassword(input.password),
      role: input.role,
      accounts: input.accounts ?? null,
      disabled: false,
      source: input.source ?? 'local',
      totpSecret: null,
      totpPending: null,
      recoveryCodes: [],
      createdAt: Date.now(),
      lastLoginAt: null,
      sessionsValidAfter: 0,
    };
    try {
      await this.repository.insert(record);
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new ApiException(400, ERROR_CODES.usernameTaken, `A user named "${input.username}" exists`);
      throw error;
    }
    this.remember(record);
    return record;
  }

  private remember(record: UserRecord): void {
    this.byId.set(record.id, record);
    this.idByName.set(record.username.toLowerCase(), record.id);
  }

  private checkRole(role: string): void {
    if (!(ROLES as readonly string[]).includes(role)) throw new ApiException(400, ERROR_CODES.unknownRole, `role must be one of ${ROLES.join(', ')}`);
  }

  checkPassword(password: string, username: string): void {
    const weakness = passwordWeakness(password, username);
    if (weakness !== null) throw new ApiException(400, ERROR_CODES.weakPassword, weakness);
  }

  /** The accounts as HF_USER spells them; 400 UNKNOWN_ACCOUNT for one it does not configure. */
  checkAccounts(accounts: readonly string[] | null): string[] | null {
    if (accounts === null) return null;
    const configured = new Map(this.configuredAccounts().map((name) => [name.toLowerCase(), name]));
    const unknown = accounts.filter((account) => !configured.has(account.toLowerCase()));
    if (unknown.length > 0) {
      throw new ApiException(400, ERROR_CODES.unknownAccount, `Not a configured account: ${unknown.join(', ')} (configured: ${[...configured.values()].join(', ') || 'none'})`);
    }
    return [...new Set(accounts.map((account) => configured.get(account.toLowerCase()) as string))];
  }

  private configuredAccounts(): string[] {
    return (this.hub?.accounts ?? this.config.get('HF_USER') ?? []).map((account) => account.name);
  }

  private checkNotLastAdmin(user: UserRecord): void {
    const others = [...this.byId.values()].some((other) => other.id !== user.id && other.role === 'admin' && !other.disabled);
    if (!others) throw new ApiException(400, ERROR_CODES.lastAdmin, `${user.username} is the last enabled admin: make another admin first`);
  }
}
