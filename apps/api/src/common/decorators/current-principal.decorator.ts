import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { principalOf, type Principal } from '../http/principal';

/**
 * The caller, as the AuthGuard admitted it: null for an anonymous visitor on an `anyone`
 * route, never null on the others.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null =>
  principalOf(context.switchToHttp().getRequest<object>()),
);
