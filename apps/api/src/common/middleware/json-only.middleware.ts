import { ERROR_CODES } from '@hfd/contracts';
import type { NextFunction, Request, Response } from 'express';
import { ApiException } from '../errors/api.exception';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A request that carries a body must say it is JSON: anything else is refused with 415. */
export function jsonOnly(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (BODY_METHODS.has(request.method) && hasBody && !request.is('application/json')) {
    next(new ApiException(415, ERROR_CODES.unsupportedMediaType, 'Send the body as application/json'));
    return;
  }
  next();
}
