import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { SpaceParamsDto } from '../spaces/dto/space-params.dto';
import { MetricHistoryDto } from './dto/metric.response.dto';
import { MetricHistoryQueryService } from './metric-history-query.service';

@ApiTags('spaces')
@Controller('spaces/:owner/:name/metrics')
export class MetricsController {
  constructor(private readonly history: MetricHistoryQueryService) {}

  @Auth('anyone')
  @Get()
  @ApiOperation({ summary: 'The live-metric samples of the last five minutes, for a chart' })
  @ApiOkResponse({ type: MetricHistoryDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  recent(@Param() params: SpaceParamsDto, @CurrentPrincipal() principal: Principal | null): MetricHistoryDto {
    return this.history.recent(params.owner, params.name, principal);
  }
}
