import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
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
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Auth('anyone')
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'LOGIN_THROTTLED, with Retry-After' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown', request.get('user-agent')?.slice(0, 512) ?? null);
  }

  @Auth('session')
  @Get('me')
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentPrincipal() session: SessionPrincipal): MeResponseDto {
    return this.auth.me(session);
  }

  @Auth('session')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token is revoked until it would have expired, across restarts' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'DATABASE_UNAVAILABLE: revoked on this server only, as the database cannot be reached' })
  logout(@CurrentPrincipal() session: SessionPrincipal): void {
    this.auth.logout(session);
  }
}
