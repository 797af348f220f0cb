import { Injectable, Logger } from '@nestjs/common';
import type { AuditActorType, AuditEntry, AuditKind, AuditPage, AuditQuery, AuditResult } from '@hfd/contracts';
import { ERROR_CODES } from '@hfd/contracts';
import { AuditRepository, WriteQueueFullError, type AuditFilter, type AuditRecord } from '@hfd/persistence';
import { randomBytes } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import type { Principal } from '../common/http/principal';
import type { AuditContext } from './audit-context';

export interface AuditEvent {
  kind: AuditKind;
  result: AuditResult;
  /** Overrides the context's principal: a failed login's tried name, say. */
  actor?: { type: AuditActorType; name: string | null };
  target?: string | null;
  spaceId?: string | null;
  /** What was done or why it failed. Never a secret: callers pass codes and names, not inputs. */
  detail?: string | null;
  durationMs?: number | null;
}

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

function actorOf(principal: Principal | null): { type: AuditActorType; name: string | null } {
  if (principal === null) return { type: 'anonymous', name: null };
  return principal.kind === 'session' ? { type: 'user', name: principal.username } : { type: 'apiKey', name: principal.name };
}

/** Sorts by time first, so that ids order entries of the same millisecond too. */
function entryId(at: number): string {
  return `${at.toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;
}

function toEntry(record: AuditRecord): AuditEntry {
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    kind: record.kind as AuditKind,
    actorType: record.actorType as AuditActorType,
    actor: record.actor,
    target: record.target,
    spaceId: record.spaceId,
    result: record.result as AuditResult,
    detail: record.detail,
    address: record.address,
    durationMs: record.durationMs,
    requestId: record.requestId,
  };
}

function encodeCursor(record: AuditRecord): string {
  return Buffer.from(JSON.stringify([record.at, record.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'number' && Number.isSafeInteger(at) && typeof id === 'string' && id.length <= 64) return { at, id };
  } catch {
    // Answered below, as every other malformed cursor.
  }
  throw new ApiException(400, ERROR_CODES.invalidCursor, 'cursor is not one this server made; pass nextCursor of the previous page');
}

/**
 * The audit log: one entry per login, logout, action and change, written through the write
 * queue so that a slow database never delays the request it records. A full queue costs the
 * entry (said in the log), never the request.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly repository: AuditRepository) {}

  record(context: AuditContext, event: AuditEvent): void {
    const at = Date.now();
    const actor = event.actor ?? actorOf(context.principal);
    try {
      this.repository.append({
        id: entryId(at),
        at,
        kind: event.kind,
        actorType: actor.type,
        actor: actor.name,
        target: event.target ?? null,
        spaceId: event.spaceId ?? null,
        result: event.result,
        detail: event.detail ?? null,
        address: context.address,
        durationMs: event.durationMs ?? null,
        requestId: context.requestId,
      });
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
      this.logger.warn(`An audit entry (${event.kind}, ${event.result}) is not recorded: ${error.message}`);
    }
  }

  /** Runs `work` and records it with its duration: success, or failure with the error's code. */
  async track<T>(context: AuditContext, event: Omit<AuditEvent, 'result' | 'durationMs'>, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.record(context, { ...event, result: 'success', durationMs: Math.round(performance.now() - started) });
      return result;
    } catch (error) {
      const code = error instanceof ApiException ? (error.getResponse() as { code?: string }).code : undefined;
      this.record(context, {
        ...event,
        result: 'failure',
        detail: [event.detail, code ?? 'INTERNAL_ERROR'].filter(Boolean).join(': '),
        durationMs: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  /** A page, newest first; an operator (not admin) sees only their own entries. */
  async page(query: AuditQuery, viewer: Principal, limit = query.limit ?? AUDIT_PAGE_DEFAULT): Promise<AuditPage> {
    const records = await this.repository.page(this.filter(query, viewer), limit + 1);
    const entries = records.slice(0, limit);
    return { entries: entries.map(toEntry), nextCursor: records.length > limit ? encodeCursor(entries[entries.length - 1]) : null };
  }

  private filter(query: AuditQuery, viewer: Principal): AuditFilter {
    const own = viewer.role !== 'admin';
    const self = actorOf(viewer).name ?? undefined;
    if (own && query.actor !== undefined && query.actor !== self) {
      throw new ApiException(403, ERROR_CODES.insufficientRole, 'An operator sees their own audit entries only; an admin sees everyone’s');
    }
    return {
      actor: own ? self : query.actor,
      spaceId: query.space,
      kind: query.kind,
      result: query.result,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
      before: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    };
  }
}

const CSV_COLUMNS: readonly (keyof AuditEntry)[] = ['at', 'kind', 'result', 'actorType', 'actor', 'target', 'spaceId', 'detail', 'address', 'durationMs', 'requestId', 'id'];

/** RFC 4180 quoting, and a leading quote against formula injection when opened in a spreadsheet. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function auditCsvRows(entries: readonly AuditEntry[]): string {
  return entries.map((entry) => `${CSV_COLUMNS.map((column) => csvField(entry[column])).join(',')}\r\n`).join('');
}
