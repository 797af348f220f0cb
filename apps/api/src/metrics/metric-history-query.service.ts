import { Injectable } from '@nestjs/common';
import { ERROR_CODES, type MetricHistoryResponse, type MetricRange, type MetricRollupResponse } from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import type { Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { InventoryService } from '../spaces/inventory.service';
import { Visibility } from '../spaces/visibility';
import { HISTORY_WINDOW_SECONDS, MetricHistoryService } from './metric-history.service';
import { MetricRollupService } from './metric-rollup.service';

/** The recent samples of one Space, under the same visibility rule as everything else. */
@Injectable()
export class MetricHistoryQueryService {
  private readonly showPrivate: boolean;

  constructor(
    config: AppConfigService,
    private readonly inventory: InventoryService,
    private readonly history: MetricHistoryService,
    private readonly rollups: MetricRollupService,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  recent(owner: string, name: string, principal: Principal | null): MetricHistoryResponse {
    const space = this.visible(owner, name, principal);
    return { spaceId: space.id, samples: this.history.recent(space.id), windowSeconds: HISTORY_WINDOW_SECONDS };
  }

  /** `5m`: the raw samples; longer ranges: the stored rollups. */
  range(owner: string, name: string, range: MetricRange, principal: Principal | null): MetricHistoryResponse | Promise<MetricRollupResponse> {
    if (range === '5m') return this.recent(owner, name, principal);
    return this.rollups.read(this.visible(owner, name, principal).id, range);
  }

  private visible(owner: string, name: string, principal: Principal | null) {
    const space = this.inventory.find(`${owner}/${name}`);
    if (!space || !Visibility.of(principal, this.showPrivate).sees(space)) {
      throw new ApiException(404, ERROR_CODES.spaceNotFound, 'Space not found');
    }
    return space;
  }
}
