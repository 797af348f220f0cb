import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * Where the process-wide series are registered, apart from whoever feeds them. Two
 * registries, because not every scraper may read every series: `/metrics` is open by default.
 */
@Injectable()
export class PrometheusRegistry {
  /** Series any scraper may read. */
  readonly open = new Registry();
  /**
   * Series only a holder of the API key may read: the Hub quota left would tell an outsider
   * how many requests it takes to lock the owner's accounts out (rate-limited).
   */
  readonly keyOnly = new Registry();
}
