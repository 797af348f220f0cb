import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/decorators/auth-mode.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, MeResponseDto } from './dto/login.dto';

type Session = Extract<Principal, { kind: 'session' }>;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'LOGIN_THROTTLED, with Retry-After' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth('session')
  @ApiOkResponse({ type: MeResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  me(@CurrentPrincipal() session: Session): MeResponseDto {
    return this.auth.me(session);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth('session')
  @ApiNoContentResponse({ description: 'The token is revoked until it would have expired' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  logout(@CurrentPrincipal() session: Session): void {
    this.auth.logout(session);
  }
}
