import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { OIDC_RETURN_QUERY } from '@hfd/contracts';
import type { Request, Response } from 'express';
import { Auth } from '../common/decorators/auth.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { auditContextOf } from '../people/audit-context';
import { OidcFailure, OidcService } from '../people/oidc.service';
import { AuthService } from './auth.service';
import { LoginResponseDto, OidcTokenDto } from './dto/login.dto';

/** The origin the browser used to reach us (TRUST_PROXY decides whether X-Forwarded-* count). */
function originOf(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

/** Single sign-on with OpenID Connect (OIDC_ISSUER, OIDC_CLIENT_ID): 404 while not configured. */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly auth: AuthService,
  ) {}

  @Auth('anyone')
  @Get('login')
  @ApiOperation({ summary: 'Start single sign-on: a redirect to the provider (authorization code, PKCE, state, nonce)' })
  @ApiFoundResponse({ description: 'To the provider' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'NOT_FOUND: single sign-on is not configured' })
  async login(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.redirect(302, await this.oidc.authorizationUrl(this.oidc.baseUrl(originOf(request))));
  }

  @Auth('anyone')
  @Get('callback')
  @ApiOperation({ summary: 'Where the provider sends the browser back: a redirect to the dashboard with ?oidcTicket= or ?oidcError=' })
  @ApiFoundResponse({ description: 'To the dashboard' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const base = this.oidc.baseUrl(originOf(request));
    const current = new URL(`${base}${request.originalUrl}`);
    let query: string;
    try {
      query = `${OIDC_RETURN_QUERY.ticket}=${await this.oidc.callback(current, auditContextOf(request))}`;
    } catch (error) {
      if (!(error instanceof OidcFailure)) throw error;
      query = `${OIDC_RETURN_QUERY.error}=${error.code}`;
    }
    response.redirect(302, `${base}/?${query}`);
  }

  @Auth('anyone')
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the one-time ticket of a single sign-on for the session' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'INVALID_CREDENTIALS: unknown, used or expired ticket' })
  token(@Body() body: OidcTokenDto, @Req() request: Request): Promise<LoginResponseDto> {
    const user = this.oidc.redeem(body.ticket);
    return this.auth.openSession(user, { ...auditContextOf(request), address: request.ip ?? 'unknown', userAgent: request.get('user-agent')?.slice(0, 512) ?? null });
  }
}
