import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '@hfd/contracts';
import type { Response } from 'express';
import { ApiException } from '../errors/api.exception';
import { ErrorMapper } from '../errors/error-mapper';

interface MappedError {
  status: number;
  body: ApiErrorBody;
  headers: Readonly<Record<string, string>>;
  /** True when a mapper knew the error (a Hub failure, say): expected, so no stack is logged. */
  known?: boolean;
}

/** Status codes Nest and body-parser raise on their own, with the code we answer them with. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: ERROR_CODES.validationFailed,
  401: ERROR_CODES.unauthorized,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  413: ERROR_CODES.payloadTooLarge,
  415: ERROR_CODES.unsupportedMediaType,
};

/** body-parser's errors carry a status and mostly a `type`, but are not HttpExceptions. */
interface BodyParserError {
  status: number;
  type?: unknown;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null || !('status' in error) || typeof error.status !== 'number') return false;
  // A body that says it is gzip or deflate and is not fails in zlib: body-parser passes that
  // error on as an exposed 400 without a `type`.
  return 'type' in error || ('expose' in error && error.expose === true && error.status >= 400 && error.status < 500);
}

/**
 * Every error leaves the API as `{ error, code }`. Messages of unexpected errors are
 * never sent (they may hold internals); they are logged instead.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  constructor(private readonly mappers: readonly ErrorMapper[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, headers, known } = this.map(exception);
    if (known && status >= 500) {
      // The Hub failing is expected (it is reported and retried): one line, no stack.
      this.logger.warn(`${body.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (status >= 500 && !(exception instanceof ApiException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) {
      // An SSE stream already started: the connection can only be closed.
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(status).json(body);
  }

  private map(exception: unknown): MappedError {
    if (exception instanceof ApiException) {
      return { status: exception.getStatus(), body: exception.getResponse() as ApiErrorBody, headers: exception.headers };
    }
    for (const mapper of this.mappers) {
      const mapped = mapper(exception);
      if (mapped) return { ...this.map(mapped), known: true };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        body: { error: messageOf(exception), code: CODE_BY_STATUS[status] ?? ERROR_CODES.internalError },
        headers: {},
      };
    }
    if (isBodyParserError(exception)) {
      const status = exception.status;
      const error =
        exception.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : exception.type === 'entity.too.large'
            ? 'The request body is too large'
            : 'The request body could not be read';
      return { status, body: { error, code: CODE_BY_STATUS[status] ?? ERROR_CODES.validationFailed }, headers: {} };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: 'Internal server error', code: ERROR_CODES.internalError },
      headers: {},
    };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
