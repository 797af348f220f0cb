import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { SpaceParamsDto } from '../spaces/dto/space-params.dto';
import { MetricHistoryDto, MetricRollupDto } from './dto/metric.response.dto';
import { MetricsQueryDto } from './dto/metrics-query.dto';
import { MetricHistoryQueryService } from './metric-history-query.service';

@ApiTags('spaces')
@Controller('spaces/:owner/:name/metrics')
export class MetricsController {
  constructor(private readonly history: MetricHistoryQueryService) {}

  @Auth('anyone')
  @Get()
  @ApiOperation({ summary: 'For a chart: the live-metric samples of the last five minutes (range=5m, the default), or min/avg/max per minute (1h, 24h) or per hour (7d)' })
  @ApiExtraModels(MetricHistoryDto, MetricRollupDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(MetricHistoryDto) }, { $ref: getSchemaPath(MetricRollupDto) }] } })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID, INVALID_RANGE' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  recent(@Param() params: SpaceParamsDto, @Query() query: MetricsQueryDto, @CurrentPrincipal() principal: Principal | null): MetricHistoryDto | Promise<MetricRollupDto> {
    if (query.range === undefined || query.range === '5m') return this.history.recent(params.owner, params.name, principal);
    return this.history.range(params.owner, params.name, query.range, principal);
  }
}
