import { Controller, Get, Header, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import type { Principal } from '../../common/http/principal';
import { AppConfigService } from '../../config/app-config.service';
import { maySeePrivate } from '../../spaces/visibility';
import { HubRequestMetricsService } from './hub-request-metrics.service';
import { SpaceMetricsCollector } from './space-metrics.collector';

@ApiTags('app')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class PrometheusController {
  private readonly showPrivate: boolean;

  constructor(
    config: AppConfigService,
    private readonly process: HubRequestMetricsService,
    private readonly spaces: SpaceMetricsCollector,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  /** Private Spaces' series follow the visibility rules, as on every other route. */
  @Auth('anyone', { apiKeyWhen: 'METRICS_REQUIRE_API_KEY' })
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format); the API key only with METRICS_REQUIRE_API_KEY=true' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  async scrape(@CurrentPrincipal() principal: Principal | null): Promise<string> {
    return Registry.merge([this.process.registry, this.spaces.collect(maySeePrivate(principal, this.showPrivate))]).metrics();
  }
}
