/** What an audit entry records. */
export const AUDIT_KINDS = [
  'auth.login',
  'auth.logout',
  'auth.password',
  'auth.totp',
  'session.revoke',
  'space.action',
  'space.bulk',
  'user.create',
  'user.update',
  'user.delete',
  'apikey.create',
  'apikey.revoke',
  'setting.change',
  'automation.create',
  'automation.update',
  'automation.delete',
  'automation.gave-up',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** Who did it: a user, a named key (`API_KEY` is the key named "API_KEY"), an automation rule, the server itself, or nobody known. */
export type AuditActorType = 'user' | 'apiKey' | 'rule' | 'system' | 'anonymous';

/** One line of the audit log. Never holds a secret, token or password. */
export interface AuditEntry {
  id: string;
  /** ISO time it happened. */
  at: string;
  kind: AuditKind;
  actorType: AuditActorType;
  /** User name, key name or rule name; for a failed login, the name that was tried. */
  actor: string | null;
  /** What it was done to: `owner/name` of a Space, a user name, a key name, a session id. */
  target: string | null;
  /** The Space, when the entry is about one (`owner/name`). */
  spaceId: string | null;
  result: AuditResult;
  /** Why it failed or was denied, or what was done (`restart`, `role=operator`). */
  detail: string | null;
  address: string | null;
  durationMs: number | null;
  requestId: string | null;
}

/**
 * `GET /api/v1/audit` (admin; an operator gets their own entries) and `GET /api/v1/audit.csv`
 * (the same filters, every matching entry). All optional.
 */
export interface AuditQuery {
  actor?: string;
  /** `owner/name` */
  space?: string;
  kind?: AuditKind;
  result?: AuditResult;
  /** ISO times, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** 1 to 500, default 100. */
  limit?: number;
}

/** Newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}
