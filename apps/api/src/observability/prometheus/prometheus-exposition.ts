import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { AppConfigService } from '../../config/app-config.service';
import { PrometheusRegistry } from './prometheus-registry';
import { SpaceSeriesCollector } from './space-series.collector';

/** Who scrapes: whether the caller proved it holds the API key (however the route's guard learned it). */
export interface Scraper {
  apiKey: boolean;
}

/** The text a scraper gets: every series it may read, and no other. */
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

  render(scraper: Scraper): Promise<string> {
    const registries = [this.registry.open, this.spaces.collect(scraper.apiKey || this.showPrivate)];
    if (scraper.apiKey) registries.push(this.registry.keyOnly);
    return Registry.merge(registries).metrics();
  }
}
