import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@hfd/contracts';
import type { Env } from '../../config/env.schema';
import { ApiErrorDto } from '../errors/api-error.dto';

/**
 * Who may call a route.
 * - `anyone`: no credential needed; a valid session or the API key, when sent, widens what
 *   is visible (private Spaces), and an invalid one leaves the caller anonymous.
 * - `session`: a login session (JWT) only.
 * - `apiKey`: the API key only (the original's external API).
 * - `sessionOrApiKey`: either.
 */
export type Caller = 'anyone' | 'session' | 'apiKey' | 'sessionOrApiKey';

/** Settings that are true or false, so that a rule can depend on one. */
type SwitchSetting = { [K in keyof Env]: Env[K] extends boolean ? K : never }[keyof Env];

/**
 * What a route requires, read by the global AuthGuard. Further requirements (the least role,
 * account scopes) are added here as fields, so every route keeps stating them in one place.
 */
export interface AuthRule {
  readonly caller: Caller;
  /**
   * The least role the caller needs (each role includes the ones before it: viewer, operator,
   * admin). Required for every caller but `anyone`, so that each route states it.
   */
  readonly role?: Role;
  /** When this setting is on, the route takes the API key only (`METRICS_REQUIRE_API_KEY`). */
  readonly apiKeyWhen?: SwitchSetting;
}

export const AUTH_RULE = 'hfd:auth-rule';

/** The OpenAPI security schemes, declared by `setupOpenApi` and required by `@Auth`. */
export const SECURITY_SCHEMES = { session: 'session', apiKey: 'apiKey' } as const;

/** OpenAPI security requirements per caller; `{}` means "no credential" is one of the ways in. */
const SECURITY: Readonly<Record<Caller, readonly Record<string, string[]>[]>> = {
  anyone: [{}, { [SECURITY_SCHEMES.session]: [] }, { [SECURITY_SCHEMES.apiKey]: [] }],
  session: [{ [SECURITY_SCHEMES.session]: [] }],
  apiKey: [{ [SECURITY_SCHEMES.apiKey]: [] }],
  sessionOrApiKey: [{ [SECURITY_SCHEMES.session]: [] }, { [SECURITY_SCHEMES.apiKey]: [] }],
};

const REFUSAL: Readonly<Record<Exclude<Caller, 'anyone'>, string>> = {
  session: 'UNAUTHORIZED without a valid session, SESSION_REVOKED after logout, USER_DISABLED',
  apiKey: 'API_KEY_INVALID, or EXTERNAL_API_DISABLED when API_KEY is not set',
  sessionOrApiKey: 'UNAUTHORIZED without a valid session or the API key, SESSION_REVOKED after logout',
};

/**
 * States who may call a route (on a method, or on a controller for all its methods) and
 * documents it in the OpenAPI document. Every route must carry it: the guard refuses a route
 * without one, and a test lists the application's routes to prove none is missing.
 */
export function Auth(caller: 'anyone', options?: Omit<AuthRule, 'caller' | 'role'>): ClassDecorator & MethodDecorator;
export function Auth(caller: Exclude<Caller, 'anyone'>, role: Role, options?: Omit<AuthRule, 'caller' | 'role'>): ClassDecorator & MethodDecorator;
export function Auth(
  caller: Caller,
  roleOrOptions?: Role | Omit<AuthRule, 'caller' | 'role'>,
  maybeOptions: Omit<AuthRule, 'caller' | 'role'> = {},
): ClassDecorator & MethodDecorator {
  const role = typeof roleOrOptions === 'string' ? roleOrOptions : undefined;
  const options = typeof roleOrOptions === 'object' ? roleOrOptions : maybeOptions;
  const rule: AuthRule = { caller, ...(role ? { role } : {}), ...options };
  const refusal = caller === 'anyone' ? (options.apiKeyWhen && `API_KEY_INVALID when ${options.apiKeyWhen} is on`) : REFUSAL[caller];
  return applyDecorators(
    SetMetadata(AUTH_RULE, rule),
    ...SECURITY[caller].map((requirement) => ApiSecurity(requirement)),
    ...(refusal ? [ApiUnauthorizedResponse({ type: ApiErrorDto, description: refusal })] : []),
    ...(role && role !== 'viewer' ? [ApiForbiddenResponse({ type: ApiErrorDto, description: `INSUFFICIENT_ROLE below ${role}` })] : []),
  );
}
