import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { principalOf, type Principal } from '../common/http/principal';

/** Who is asking, from where, in which request: what an audit entry records besides what was done. */
export interface AuditContext {
  principal: Principal | null;
  address: string | null;
  requestId: string | null;
}

export function auditContextOf(request: Request): AuditContext {
  const id = (request as Request & { id?: unknown }).id;
  return {
    principal: principalOf(request),
    address: request.ip ?? request.socket.remoteAddress ?? null,
    requestId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
  };
}

/** The AuditContext of the current request, for services that audit what they change. */
export const Audited = createParamDecorator((_data: unknown, context: ExecutionContext): AuditContext => auditContextOf(context.switchToHttp().getRequest<Request>()));
