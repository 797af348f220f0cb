import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import {
  ExternalActionParamsDto,
  ExternalActionResponseDto,
  ExternalSpaceInfoResponseDto,
  ExternalSpaceListResponseDto,
  ExternalSpaceParamsDto,
  ExternalTokenParamsDto,
} from './external-api.dto';
import { ExternalApiService } from './external-api.service';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import type { Principal } from '../common/http/principal';
import { Audited, type AuditContext } from '../people/audit-context';
import { AuditService } from '../people/audit.service';

/** The original's external API, kept as it was documented: same paths, bodies and statuses. */
@ApiTags('external (original API)')
@ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'HUB_RATE_LIMITED, with Retry-After' })
@ApiInternalServerErrorResponse({ type: ApiErrorDto, description: 'The Hub call failed' })
@Controller()
export class ExternalApiController {
  constructor(
    private readonly external: ExternalApiService,
    private readonly audit: AuditService,
  ) {}

  @Auth('apiKey', 'viewer')
  @Get('info/:token')
  @ApiOperation({ summary: 'The Spaces of the user the HF token belongs to' })
  @ApiOkResponse({ type: ExternalSpaceListResponseDto })
  list(@Param() params: ExternalTokenParamsDto, @CurrentPrincipal() principal: Principal): Promise<ExternalSpaceListResponseDto> {
    return this.external.list(params.token, principal);
  }

  @Auth('apiKey', 'viewer')
  @Get('info/:token/:owner/:name')
  @ApiOperation({ summary: 'One Space' })
  @ApiOkResponse({ type: ExternalSpaceInfoResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  info(@Param() params: ExternalSpaceParamsDto, @CurrentPrincipal() principal: Principal): Promise<ExternalSpaceInfoResponseDto> {
    return this.external.info(params.token, params.owner, params.name, principal);
  }

  @Auth('apiKey', 'operator')
  @Post('action/:token/:owner/:name/:action')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart, or rebuild (factory restart), a Space' })
  @ApiOkResponse({ type: ExternalActionResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  act(@Param() params: ExternalActionParamsDto, @Audited() context: AuditContext): Promise<ExternalActionResponseDto> {
    const spaceId = `${params.owner}/${params.name}`;
    return this.audit.track(context, { kind: 'space.action', target: spaceId, spaceId, detail: `${params.action} (external API)` }, () =>
      this.external.act(params.token, params.owner, params.name, params.action, context.principal as Principal),
    );
  }
}
