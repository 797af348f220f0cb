import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { SessionPrincipal } from '../common/http/principal';
import { Audited, auditContextOf, type AuditContext } from '../people/audit-context';
import {
  ChangePasswordDto,
  IdParamsDto,
  SessionsListResponseDto,
  TotpDisableDto,
  TotpEnableDto,
  TotpEnableResponseDto,
  TotpSetupDto,
  TotpSetupResponseDto,
} from '../people/dto/people.dto';
import { TotpService } from '../people/totp.service';
import { AuthService, type LoginContext } from './auth.service';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/login.dto';

function loginContext(request: Request): LoginContext {
  const context = auditContextOf(request);
  return { ...context, address: context.address ?? 'unknown', userAgent: request.get('user-agent')?.slice(0, 512) ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
  ) {}

  @Auth('anyone')
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'INVALID_CREDENTIALS, USER_DISABLED, TOTP_REQUIRED (send again with `code`), INVALID_TOTP_CODE' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'LOGIN_THROTTLED, with Retry-After' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(body, loginContext(request));
  }

  @Auth('session', 'viewer')
  @Get('me')
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentPrincipal() session: SessionPrincipal): MeResponseDto {
    return this.auth.me(session);
  }

  @Auth('session', 'viewer')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token is revoked until it would have expired, across restarts; its open streams end' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'DATABASE_UNAVAILABLE: revoked on this server only, as the database cannot be reached' })
  logout(@CurrentPrincipal() session: SessionPrincipal, @Audited() context: AuditContext): void {
    this.auth.logout(session, context);
  }

  @Auth('session', 'viewer')
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change one’s own password: every session of the user ends, and a fresh one is answered' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'WRONG_PASSWORD, WEAK_PASSWORD' })
  changePassword(@CurrentPrincipal() session: SessionPrincipal, @Body() body: ChangePasswordDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.changePassword(session, body.currentPassword, body.newPassword, loginContext(request));
  }

  @Auth('session', 'viewer')
  @Post('totp/setup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start TOTP enrolment: the seed, shown this once as a QR code and as text' })
  @ApiOkResponse({ type: TotpSetupResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'WRONG_PASSWORD' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'TOTP_STATE: already on' })
  async totpSetup(@CurrentPrincipal() session: SessionPrincipal, @Body() body: TotpSetupDto): Promise<TotpSetupResponseDto> {
    return this.totp.setup(this.auth.userOf(session), body.password);
  }

  @Auth('session', 'viewer')
  @Post('totp/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'A code from the new seed turns TOTP on; answers the recovery codes, shown this once' })
  @ApiOkResponse({ type: TotpEnableResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_TOTP_CODE' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'TOTP_STATE: already on, or no setup started' })
  async totpEnable(@CurrentPrincipal() session: SessionPrincipal, @Body() body: TotpEnableDto, @Audited() context: AuditContext): Promise<TotpEnableResponseDto> {
    const user = this.auth.userOf(session);
    return this.auth.audited(context, 'enable', user.username, () => this.totp.enable(user, body.code));
  }

  @Auth('session', 'viewer')
  @Post('totp/disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn TOTP off, with the password and a current or recovery code' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'WRONG_PASSWORD, INVALID_TOTP_CODE' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'TOTP_STATE: not on' })
  async totpDisable(@CurrentPrincipal() session: SessionPrincipal, @Body() body: TotpDisableDto, @Audited() context: AuditContext): Promise<void> {
    const user = this.auth.userOf(session);
    await this.auth.audited(context, 'disable', user.username, () => this.totp.disable(user, body.password, body.code));
  }

  @Auth('session', 'viewer')
  @Get('sessions')
  @ApiOperation({ summary: 'Active sessions: one’s own; an admin gets everyone’s' })
  @ApiOkResponse({ type: SessionsListResponseDto })
  sessions(@CurrentPrincipal() session: SessionPrincipal): Promise<SessionsListResponseDto> {
    return this.auth.listSessions(session);
  }

  @Auth('session', 'viewer')
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a session (one’s own; an admin, anyone’s): refused at its next request, its streams end at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'NOT_FOUND: no such active session of yours' })
  async revokeSession(@CurrentPrincipal() session: SessionPrincipal, @Param() params: IdParamsDto, @Audited() context: AuditContext): Promise<void> {
    await this.auth.revokeSession(session, params.id, context);
  }
}
