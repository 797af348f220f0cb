import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SessionOrApiKey } from '../common/decorators/auth-mode.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { SpaceActionParamsDto, SpaceParamsDto } from './dto/space-params.dto';
import { SpaceActionResponseDto, SpaceDetailDto, SpacesListResponseDto } from './dto/space.response.dto';
import { sendListBody } from './list-response';
import { SpacesService } from './spaces.service';

@ApiTags('spaces')
@Controller('spaces')
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Every visible Space with its runtime, the data age and per-account errors' })
  @ApiBearerAuth('session')
  @ApiOkResponse({ type: SpacesListResponseDto, description: 'With an ETag; gzip or br when accepted; `Age`: seconds since generatedAt' })
  @ApiNotModifiedResponse({ description: 'If-None-Match named the current ETag' })
  async list(@CurrentPrincipal() principal: Principal | null, @Req() request: Request, @Res() response: Response): Promise<void> {
    await sendListBody(request, response, await this.spaces.list(principal));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-read the inventory from the Hub now' })
  @ApiBearerAuth('session')
  @ApiOkResponse({ type: SpacesListResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'REFRESH_TOO_SOON, with Retry-After: one forced refresh per 5 s for everyone' })
  refresh(@CurrentPrincipal() principal: Principal): Promise<SpacesListResponseDto> {
    return this.spaces.refresh(principal);
  }

  @Public()
  @Get(':owner/:name')
  @ApiOperation({ summary: 'One Space in detail, read fresh from the Hub' })
  @ApiBearerAuth('session')
  @ApiOkResponse({ type: SpaceDetailDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'SPACE_NOT_FOUND (also for a private Space an anonymous visitor may not see)' })
  detail(@Param() params: SpaceParamsDto, @CurrentPrincipal() principal: Principal | null): Promise<SpaceDetailDto> {
    return this.spaces.detail(params.owner, params.name, principal);
  }

  @SessionOrApiKey()
  @Post(':owner/:name/:action')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart, factory-rebuild, pause or resume a Space; answers with the new runtime' })
  @ApiBearerAuth('session')
  @ApiBearerAuth('apiKey')
  @ApiOkResponse({ type: SpaceActionResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID, UNKNOWN_ACTION, HUB_BAD_REQUEST' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'TOKEN_CANNOT_WRITE, HUB_FORBIDDEN' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'HUB_RATE_LIMITED, with Retry-After' })
  act(@Param() params: SpaceActionParamsDto): Promise<SpaceActionResponseDto> {
    return this.spaces.act(params.owner, params.name, params.action);
  }
}
