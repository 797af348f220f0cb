import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ERROR_CODES } from '@hfd/contracts';
import type { Request } from 'express';
import { AUTH_MODE_KEY, type AuthMode } from '../common/decorators/auth-mode.decorator';
import { ApiException } from '../common/errors/api.exception';
import { bearerToken } from '../common/http/bearer-token';
import type { Principal } from '../common/http/principal';
import { ApiKeyService } from './api-key.service';

/**
 * `Authorization: Bearer <API_KEY>`. On `apiKey` routes it is the only way in; on
 * `sessionOrApiKey` routes a valid key makes the caller an API-key principal and a
 * missing or different one leaves the decision to the session guard.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const mode = this.reflector.getAllAndOverride<AuthMode | undefined>(AUTH_MODE_KEY, [context.getHandler(), context.getClass()]);
    if (mode !== 'apiKey' && mode !== 'sessionOrApiKey') return true;
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const valid = this.apiKeys.matches(bearerToken(request));
    if (valid) request.user = { kind: 'apiKey' };
    if (mode === 'sessionOrApiKey' || valid) return true;
    if (!this.apiKeys.enabled) {
      throw new ApiException(401, ERROR_CODES.externalApiDisabled, '外部 API 未启用：服务器未设置 API_KEY（External API disabled: API_KEY is not set）');
    }
    throw new ApiException(401, ERROR_CODES.apiKeyInvalid, '无效的 API 密钥（Invalid API key）');
  }
}
