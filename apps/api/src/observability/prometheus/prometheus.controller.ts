import { Controller, Get, Header, Req, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ERROR_CODES } from '@hfd/contracts';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import { ApiKeyService } from '../../api-key/api-key.service';
import { Public } from '../../common/decorators/auth-mode.decorator';
import { ApiException } from '../../common/errors/api.exception';
import { bearerToken } from '../../common/http/bearer-token';
import { AppConfigService } from '../../config/app-config.service';
import { PrometheusExposition } from './prometheus-exposition';

@ApiTags('app')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class PrometheusController {
  private readonly requireKey: boolean;

  constructor(
    config: AppConfigService,
    private readonly apiKeys: ApiKeyService,
    private readonly exposition: PrometheusExposition,
  ) {
    this.requireKey = config.get('METRICS_REQUIRE_API_KEY');
  }

  /** Open unless METRICS_REQUIRE_API_KEY; the API key, when sent, adds the private Spaces and the Hub quota left. */
  @Public()
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiBearerAuth('apiKey')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  async scrape(@Req() request: Request): Promise<string> {
    const withKey = this.apiKeys.matches(bearerToken(request));
    if (this.requireKey && !withKey) {
      throw new ApiException(401, this.apiKeys.enabled ? ERROR_CODES.apiKeyInvalid : ERROR_CODES.externalApiDisabled, 'The API key is required for /metrics');
    }
    return this.exposition.render({ apiKey: withKey });
  }
}
