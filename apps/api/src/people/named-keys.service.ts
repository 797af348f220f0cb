import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ERROR_CODES, ROLES, type ApiKeyInfo, type CreateApiKeyResponse, type Role } from '@hfd/contracts';
import { ApiKeyNameTakenError, ApiKeysRepository, WriteQueueFullError, type ApiKeyRecord } from '@hfd/persistence';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import type { ApiKeyPrincipal } from '../common/http/principal';
import { AuditService } from './audit.service';
import type { AuditContext } from './audit-context';
import { SessionEvents } from './session-events';
import { UsersService } from './users.service';

/** Every named key starts so: it tells them from session tokens, and secret scanners can find leaked ones. */
export const NAMED_KEY_PREFIX = 'hfdk_';
/** A key's last use is written at most this often: keys are used per request, the database need not be. */
const USE_RECORD_INTERVAL_MS = 60_000;

/**
 * sha256 rather than a slow password hash: the key is 32 random bytes (256 bits), so no
 * dictionary or brute force can reach it from its digest, and a fast digest keeps the check
 * of every request cheap. Compared as digests with timingSafeEqual.
 */
function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function toInfo(record: ApiKeyRecord): ApiKeyInfo {
  return {
    id: record.id,
    name: record.name,
    role: record.role as Role,
    accounts: record.accounts,
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: record.expiresAt === null ? null : new Date(record.expiresAt).toISOString(),
    lastUsedAt: record.lastUsedAt === null ? null : new Date(record.lastUsedAt).toISOString(),
    createdBy: record.createdBy,
  };
}

/** What a presented named key amounts to. */
export type NamedKeyCheck = { kind: 'valid'; principal: ApiKeyPrincipal } | { kind: 'invalid' };

/**
 * Named API keys (`hfdk_<id>_<secret>`), kept in memory by id (loaded at start, written
 * through). The id finds the key; the whole key's digest is compared in constant time.
 */
@Injectable()
export class NamedKeysService implements OnModuleInit {
  private readonly logger = new Logger(NamedKeysService.name);
  private readonly keys = new Map<string, ApiKeyRecord>();
  private readonly lastRecordedUse = new Map<string, number>();

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly events: SessionEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const record of await this.repository.list()) this.keys.set(record.id, record);
  }

  static looksNamed(bearer: string): boolean {
    return bearer.startsWith(NAMED_KEY_PREFIX);
  }

  check(bearer: string, now = Date.now()): NamedKeyCheck {
    const id = bearer.slice(NAMED_KEY_PREFIX.length).split('_', 1)[0];
    const record = this.keys.get(id);
    // An unknown id is compared against itself, so a wrong id costs what a wrong secret costs.
    const expected = record === undefined ? digest(bearer) : Buffer.from(record.keyHash, 'hex');
    const matches = timingSafeEqual(digest(bearer), expected) && record !== undefined;
    if (!matches || (record.expiresAt !== null && record.expiresAt <= now)) return { kind: 'invalid' };
    this.recordUse(record, now);
    return {
      kind: 'valid',
      principal: {
        kind: 'apiKey',
        name: record.name,
        keyId: record.id,
        role: record.role as Role,
        accounts: record.accounts === null ? null : new Set(record.accounts.map((account) => account.toLowerCase())),
        expiresAt: record.expiresAt,
      },
    };
  }

  list(): ApiKeyInfo[] {
    return [...this.keys.values()].sort((a, b) => a.createdAt - b.createdAt).map(toInfo);
  }

  async create(input: { name: string; role: Role; accounts?: string[]; expiresAt?: string }, context: AuditContext): Promise<CreateApiKeyResponse> {
    return this.audit.track(context, { kind: 'apikey.create', target: input.name, detail: `role=${input.role}` }, async () => {
      if (!(ROLES as readonly string[]).includes(input.role)) throw new ApiException(400, ERROR_CODES.unknownRole, `role must be one of ${ROLES.join(', ')}`);
      const accounts = this.users.checkAccounts(input.accounts ?? null);
      const expiresAt = input.expiresAt === undefined ? null : Date.parse(input.expiresAt);
      if (expiresAt !== null && expiresAt <= Date.now()) throw new ApiException(400, ERROR_CODES.expiryInPast, 'expiresAt must be in the future');
      const id = randomBytes(8).toString('hex');
      const key = `${NAMED_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
      const creator = context.principal === null ? 'unknown' : context.principal.kind === 'session' ? context.principal.username : context.principal.name;
      const record: ApiKeyRecord = { id, name: input.name, keyHash: digest(key).toString('hex'), role: input.role, accounts, createdAt: Date.now(), createdBy: creator, expiresAt, lastUsedAt: null };
      try {
        await this.repository.insert(record);
      } catch (error) {
        if (error instanceof ApiKeyNameTakenError) throw new ApiException(400, ERROR_CODES.apiKeyNameTaken, `An API key named "${input.name}" exists`);
        throw error;
      }
      this.keys.set(id, record);
      return { ...toInfo(record), key };
    });
  }

  async revoke(id: string, context: AuditContext): Promise<void> {
    const record = this.keys.get(id);
    await this.audit.track(context, { kind: 'apikey.revoke', target: record?.name ?? id }, async () => {
      if (record === undefined) throw new ApiException(404, ERROR_CODES.notFound, 'No such API key');
      // Refused from this moment in this process, whatever the database answers.
      this.keys.delete(id);
      await this.repository.delete(id);
      this.events.emit({ kind: 'apiKey', keyId: id, reason: 'revoked' });
    });
  }

  private recordUse(record: ApiKeyRecord, now: number): void {
    record.lastUsedAt = now;
    if (now - (this.lastRecordedUse.get(record.id) ?? 0) < USE_RECORD_INTERVAL_MS) return;
    this.lastRecordedUse.set(record.id, now);
    try {
      this.repository.recordUse(record.id, now);
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
      this.logger.warn(`The last use of the API key "${record.name}" is not recorded: ${error.message}`);
    }
  }
}
