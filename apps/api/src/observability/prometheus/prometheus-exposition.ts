import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { Principal } from '../../common/http/principal';
import { AppConfigService } from '../../config/app-config.service';
import { Visibility } from '../../spaces/visibility';
import { PrometheusRegistry } from './prometheus-registry';
import { SpaceSeriesCollector } from './space-series.collector';

/**
 * The text a scraper gets: every series it may read, and no other. Private Spaces' series
 * follow the visibility rules, as on every other route; the Hub quota left is for the API key
 * only, since it tells an outsider how close the owner's tokens are to being refused.
 */
@Injectable()
export class PrometheusExposition {
  private readonly showPrivate: boolean;

  constructor(
    config: AppConfigService,
    private readonly registry: PrometheusRegistry,
    private readonly spaces: SpaceSeriesCollector,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  async render(scraper: Principal | null): Promise<string> {
    const registries = [this.registry.open, await this.spaces.collect(Visibility.of(scraper, this.showPrivate))];
    if (scraper?.kind === 'apiKey') registries.push(this.registry.keyOnly);
    return Registry.merge(registries).metrics();
  }
}
