import { Injectable } from '@nestjs/common';
import { ERROR_CODES, type SpaceSummary } from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import type { Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { InventoryService } from '../spaces/inventory.service';
import { Visibility } from '../spaces/visibility';

/**
 * Which Spaces' history a caller may read: the one place the visibility rule (and, with
 * account scopes, the caller's accounts) is applied to history, uptime, incidents and rollups.
 * A Space the caller may not see is a 404, as on every other route.
 */
@Injectable()
export class HistoryAccess {
  private readonly showPrivate: boolean;

  constructor(
    config: AppConfigService,
    private readonly inventory: InventoryService,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  /** Every Space of the inventory the caller may see. */
  visibleSpaces(principal: Principal | null): SpaceSummary[] {
    const visibility = Visibility.of(principal, this.showPrivate);
    return this.inventory.current.spaces.filter((space) => visibility.sees(space));
  }

  /** Every Space of the inventory, for figures computed once and filtered per caller afterwards. */
  allSpaces(): readonly SpaceSummary[] {
    return this.inventory.current.spaces;
  }

  /** The Space, if the caller may see it; a 404 otherwise. */
  visibleSpace(owner: string, name: string, principal: Principal | null): SpaceSummary {
    const space = this.inventory.find(`${owner}/${name}`);
    if (!space || !Visibility.of(principal, this.showPrivate).sees(space)) throw new ApiException(404, ERROR_CODES.spaceNotFound, 'Space not found');
    return space;
  }
}
