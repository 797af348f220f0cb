import { Controller, Get, Header, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import type { Principal } from '../../common/http/principal';
import { PrometheusExposition } from './prometheus-exposition';

@ApiTags('app')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class PrometheusController {
  constructor(private readonly exposition: PrometheusExposition) {}

  @Auth('anyone', { apiKeyWhen: 'METRICS_REQUIRE_API_KEY' })
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format); the API key only with METRICS_REQUIRE_API_KEY=true' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  scrape(@CurrentPrincipal() principal: Principal | null): Promise<string> {
    return this.exposition.render(principal);
  }
}
