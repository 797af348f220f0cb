import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../http/principal';

/** The caller, as the global guard established it; null for an anonymous visitor. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null => {
  const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
  return request.user ?? null;
});
