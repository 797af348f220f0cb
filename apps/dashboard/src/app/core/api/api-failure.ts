import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, RETRY_AFTER_HEADER, type ApiErrorBody, type ErrorCode } from '@hfd/contracts';

/** What the UI needs from a failed call: enough to pick a translated message. */
export interface ApiFailure {
  /** 0 when the server could not be reached at all. */
  status: number;
  code: ErrorCode | null;
  retryAfterSeconds: number | null;
}

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    KNOWN_CODES.has((value as { code: string }).code)
  );
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function toApiFailure(error: unknown): ApiFailure {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, code: null, retryAfterSeconds: null };
  }
  return {
    status: error.status,
    code: isErrorBody(error.error) ? error.error.code : null,
    retryAfterSeconds: parseRetryAfter(error.headers?.get(RETRY_AFTER_HEADER) ?? null),
  };
}
