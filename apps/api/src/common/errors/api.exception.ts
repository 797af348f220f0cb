import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@hfd/contracts';

/** An error the API answers with as `{ error, code }`, optionally with extra headers (Retry-After). */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super({ error: message, code } satisfies ApiErrorBody, status);
  }
}
