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

/** The original's external API, kept as it was documented: same paths, bodies and statuses. */
@ApiTags('external (original API)')
@Auth('apiKey')
@ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'HUB_RATE_LIMITED, with Retry-After' })
@ApiInternalServerErrorResponse({ type: ApiErrorDto, description: 'The Hub call failed' })
@Controller()
export class ExternalApiController {
  constructor(private readonly external: ExternalApiService) {}

  @Get('info/:token')
  @ApiOperation({ summary: 'The Spaces of the user the HF token belongs to' })
  @ApiOkResponse({ type: ExternalSpaceListResponseDto })
  list(@Param() params: ExternalTokenParamsDto): Promise<ExternalSpaceListResponseDto> {
    return this.external.list(params.token);
  }

  @Get('info/:token/:owner/:name')
  @ApiOperation({ summary: 'One Space' })
  @ApiOkResponse({ type: ExternalSpaceInfoResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  info(@Param() params: ExternalSpaceParamsDto): Promise<ExternalSpaceInfoResponseDto> {
    return this.external.info(params.token, params.owner, params.name);
  }

  @Post('action/:token/:owner/:name/:action')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart, or rebuild (factory restart), a Space' })
  @ApiOkResponse({ type: ExternalActionResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  act(@Param() params: ExternalActionParamsDto): Promise<ExternalActionResponseDto> {
    return this.external.act(params.token, params.owner, params.name, params.action);
  }
}
