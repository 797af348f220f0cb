import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { SpaceActionParamsDto, SpaceParamsDto } from './dto/space-params.dto';
import { SpaceActionResponseDto, SpaceDetailDto, SpacesListResponseDto } from './dto/space.response.dto';
import { sendListBody } from './list-response';
import { SpacesService } from './spaces.service';
import { Audited, type AuditContext } from '../people/audit-context';
import { AuditService } from '../people/audit.service';

@ApiTags('spaces')
@Controller('spaces')
export class SpacesController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly audit: AuditService,
  ) {}

  @Auth('anyone')
  @Get()
  @ApiOperation({ summary: 'Every visible Space with its runtime, the data age and per-account errors' })
  @ApiOkResponse({ type: SpacesListResponseDto, description: 'With an ETag; gzip or br when accepted; `Age`: seconds since generatedAt' })
  @ApiNotModifiedResponse({ description: 'If-None-Match named the current ETag' })
  async list(@CurrentPrincipal() principal: Principal | null, @Req() request: Request, @Res() response: Response): Promise<void> {
    await sendListBody(request, response, await this.spaces.list(principal));
  }

  @Auth('session', 'viewer')
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-read the inventory from the Hub now' })
  @ApiOkResponse({ type: SpacesListResponseDto })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'REFRESH_TOO_SOON, with Retry-After: one forced refresh per 5 s for everyone' })
  refresh(@CurrentPrincipal() principal: Principal): Promise<SpacesListResponseDto> {
    return this.spaces.refresh(principal);
  }

  @Auth('anyone')
  @Get(':owner/:name')
  @ApiOperation({ summary: 'One Space in detail: read fresh from the Hub for a session or the API key (at most once per Space per 5 s), from the inventory for a visitor' })
  @ApiOkResponse({ type: SpaceDetailDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'SPACE_NOT_FOUND (also for a private Space an anonymous visitor may not see)' })
  detail(@Param() params: SpaceParamsDto, @CurrentPrincipal() principal: Principal | null): Promise<SpaceDetailDto> {
    return this.spaces.detail(params.owner, params.name, principal);
  }

  @Auth('sessionOrApiKey', 'operator')
  @Post(':owner/:name/:action')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart, factory-rebuild, pause or resume a Space; answers with the new runtime' })
  @ApiOkResponse({ type: SpaceActionResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID, UNKNOWN_ACTION, STATIC_SPACE, HUB_BAD_REQUEST' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'TOKEN_CANNOT_WRITE, HUB_FORBIDDEN, INSUFFICIENT_ROLE, ACCOUNT_OUT_OF_SCOPE' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'HUB_RATE_LIMITED, with Retry-After' })
  act(@Param() params: SpaceActionParamsDto, @Audited() context: AuditContext): Promise<SpaceActionResponseDto> {
    const spaceId = `${params.owner}/${params.name}`;
    return this.audit.track(context, { kind: 'space.action', target: spaceId, spaceId, detail: params.action }, () =>
      this.spaces.act(params.owner, params.name, params.action, context.principal),
    );
  }
}
