import type { Response } from 'express';

export interface HubErrorInit {
  status: number;
  /** The `error` of the JSON body. */
  error: string;
  /** `X-Error-Code`, e.g. `RepoNotFound`. */
  code?: string;
  /** `X-Error-Message`; by default the same text as `error` when a code is set. */
  message?: string;
}

/** An error answer in the Hub's shape (docs/hub-api.md §0.5, §11); thrown by handlers, sent by the error middleware. */
export class HubError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly headerMessage: string | undefined;

  constructor(init: HubErrorInit) {
    super(init.error);
    this.name = 'HubError';
    this.status = init.status;
    this.code = init.code;
    this.headerMessage = init.message ?? (init.code ? init.error : undefined);
  }
}

/** Header values must be a single Latin-1 line. */
function headerSafe(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}

export function sendHubError(res: Response, error: HubError): void {
  if (error.code) res.setHeader('X-Error-Code', error.code);
  if (error.headerMessage) res.setHeader('X-Error-Message', headerSafe(error.headerMessage));
  res.status(error.status).json({ error: error.message });
}

export const INVALID_CREDENTIALS = 'Invalid credentials in Authorization header';
export const INVALID_USER_OR_PASSWORD = 'Invalid username or password.';

export const invalidToken = () =>
  new HubError({ status: 401, error: INVALID_CREDENTIALS, message: INVALID_CREDENTIALS });

export const badRequest = (error: string) => new HubError({ status: 400, error });
