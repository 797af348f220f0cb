import { ERROR_CODES } from '@hfd/contracts';
import type { NextFunction, Request, Response } from 'express';
import { ApiException } from '../errors/api.exception';

/**
 * Nesting allowed in a JSON body. Every body here is a flat object; a small body can still
 * nest thousands of levels deep (`[[[[…]]]]`), and the validation pipe walks it recursively
 * until the stack overflows.
 */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `max` levels deep, measured without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

/** Runs after the JSON body parser: a body nested too deeply is refused with 400 before anything reads it. */
export function jsonDepthLimit(request: Request, _response: Response, next: NextFunction): void {
  const body: unknown = request.body;
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
    next(new ApiException(400, ERROR_CODES.validationFailed, `The request body is nested more than ${MAX_BODY_DEPTH} levels deep`));
    return;
  }
  next();
}
