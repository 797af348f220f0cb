import { Injectable } from '@nestjs/common';
import { ERROR_CODES, type MetricHistoryResponse } from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import type { Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { InventoryService } from '../spaces/inventory.service';
import { Visibility } from '../spaces/visibility';
import { HISTORY_WINDOW_SECONDS, MetricHistoryService } from './metric-history.service';

/** The recent samples of one Space, under the same visibility rule as everything else. */
@Injectable()
export class MetricHistoryQueryService {
  private readonly showPrivate: boolean;

  constructor(
    config: AppConfigService,
    private readonly inventory: InventoryService,
    private readonly history: MetricHistoryService,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  recent(owner: string, name: string, principal: Principal | null): MetricHistoryResponse {
    const space = this.inventory.find(`${owner}/${name}`);
    if (!space || !Visibility.of(principal, this.showPrivate).sees(space)) {
      throw new ApiException(404, ERROR_CODES.spaceNotFound, 'Space not found');
    }
    return { spaceId: space.id, samples: this.history.recent(space.id), windowSeconds: HISTORY_WINDOW_SECONDS };
  }
}
