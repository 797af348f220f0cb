import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ERROR_CODES, roleIncludes } from '@hfd/contracts';
import type { IncomingMessage } from 'node:http';
import { ApiKeyService } from '../api-key/api-key.service';
import { AUTH_RULE, type AuthRule, type Caller } from '../common/decorators/auth.decorator';
import { ApiException } from '../common/errors/api.exception';
import { attachPrincipal, type Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { PrincipalResolver, type Credential } from './principal-resolver';

/**
 * The only guard: reads the route's `@Auth` rule, resolves the caller once and admits it or
 * answers 401. A route without a rule is refused (a programming error, caught by a test that
 * lists every route), so nothing is ever open by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
    private readonly apiKeys: ApiKeyService,
    private readonly config: AppConfigService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE, [context.getHandler(), context.getClass()]);
    if (rule === undefined) {
      throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no @Auth rule`);
    }
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    attachPrincipal(request, await this.admitted(rule, request));
    return true;
  }

  /**
   * The caller `rule` admits (null: an anonymous visitor), or the ApiException that refuses it.
   * Also what the direct list route asks (spaces/direct-list-route.ts), with its route's rule.
   */
  async admitted(rule: AuthRule, request: IncomingMessage): Promise<Principal | null> {
    const principal = this.admit(this.callerOf(rule), await this.resolver.resolve(request));
    if (rule.role !== undefined && principal !== null && !roleIncludes(principal.role, rule.role)) {
      throw new ApiException(403, ERROR_CODES.insufficientRole, `This needs the ${rule.role} role; you are ${principal.role}`);
    }
    return principal;
  }

  private callerOf(rule: AuthRule): Caller {
    return rule.apiKeyWhen !== undefined && this.config.get(rule.apiKeyWhen) ? 'apiKey' : rule.caller;
  }

  /** The admitted principal (null: an anonymous visitor), or the 401 that refuses the caller. */
  private admit(caller: Caller, credential: Credential): Principal | null {
    const principal = credential.kind === 'valid' ? credential.principal : null;
    switch (caller) {
      case 'anyone':
        return principal;
      case 'apiKey':
        if (principal?.kind === 'apiKey') return principal;
        if (!this.apiKeys.enabled) {
          throw new ApiException(401, ERROR_CODES.externalApiDisabled, '外部 API 未启用：服务器未设置 API_KEY（External API disabled: API_KEY is not set）');
        }
        throw new ApiException(401, ERROR_CODES.apiKeyInvalid, '无效的 API 密钥（Invalid API key）');
      case 'session':
        if (principal?.kind === 'session') return principal;
        throw this.sessionRefusal(credential);
      case 'sessionOrApiKey':
        if (principal !== null) return principal;
        throw this.sessionRefusal(credential);
    }
  }

  private sessionRefusal(credential: Credential): ApiException {
    if (credential.kind === 'revoked') return new ApiException(401, ERROR_CODES.sessionRevoked, 'This session was logged out or ended');
    if (credential.kind === 'disabled') return new ApiException(401, ERROR_CODES.userDisabled, 'This user is disabled');
    return new ApiException(401, ERROR_CODES.unauthorized, 'Login required, or the session is invalid or expired');
  }
}
