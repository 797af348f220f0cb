import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
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
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
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
  @ApiNoContentResponse({ description: 'The token is revoked until it would have expired' })
  logout(@CurrentPrincipal() session: SessionPrincipal): void {
    this.auth.logout(session);
  }
}
