import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ERROR_CODES } from '@hfd/contracts';
import type { Request } from 'express';
import { AUTH_MODE_KEY, type AuthMode } from '../../common/decorators/auth-mode.decorator';
import { ApiException } from '../../common/errors/api.exception';
import type { Principal } from '../../common/http/principal';
import { JWT_STRATEGY } from '../strategies/jwt.strategy';

/**
 * The global guard: every route needs a login session unless it opts out with an
 * auth-mode decorator. On public routes a valid session is still read, and an
 * invalid one is ignored (the caller is then anonymous and sees public data only).
 */
@Injectable()
export class SessionGuard extends AuthGuard(JWT_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const mode =
      this.reflector.getAllAndOverride<AuthMode | undefined>(AUTH_MODE_KEY, [context.getHandler(), context.getClass()]) ??
      'session';
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    if (mode === 'apiKey') return true;
    if (mode === 'sessionOrApiKey' && request.user?.kind === 'apiKey') return true;
    if (mode === 'public') {
      if (request.headers.authorization === undefined) return true;
      try {
        await super.canActivate(context);
      } catch {
        delete request.user;
      }
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false): TUser {
    if (error instanceof ApiException) throw error;
    if (error || !user) throw new ApiException(401, ERROR_CODES.unauthorized, 'Login required, or the session is invalid or expired');
    return user;
  }
}
