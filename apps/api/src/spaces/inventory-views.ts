import { Injectable } from '@nestjs/common';
import type { AccountStatus, InventoryChangeEvent, SpacesListResponse, SpaceSummary } from '@hfd/contracts';
import { AppConfigService } from '../config/app-config.service';
import { AccountAccessService } from './account-access.service';
import type { InventorySnapshot } from './inventory.types';
import type { Visibility } from './visibility';

interface Projection {
  version: number;
  spaces: SpaceSummary[];
  accounts: AccountStatus[];
}

/**
 * What one viewer may see of the inventory. Anonymous and logged-in projections are
 * each computed once per inventory version, however many viewers there are.
 */
@Injectable()
export class InventoryViews {
  private readonly refreshIntervalMs: number;
  /** By Visibility.key. */
  private readonly memo = new Map<string, Projection>();

  constructor(
    config: AppConfigService,
    private readonly access: AccountAccessService,
  ) {
    this.refreshIntervalMs = config.get('REFRESH_INTERVAL');
  }

  /** `only` (lower-case ids) narrows the answer to some Spaces; `now` is when it is generated. */
  list(snapshot: InventorySnapshot, visibility: Visibility, only?: ReadonlySet<string>, now = Date.now()): SpacesListResponse {
    const projection = this.project(snapshot, visibility);
    return {
      spaces: only ? projection.spaces.filter((space) => only.has(space.id.toLowerCase())) : projection.spaces,
      accounts: projection.accounts,
      fetchedAt: snapshot.fetchedAt === null ? null : new Date(snapshot.fetchedAt).toISOString(),
      stale: this.isStale(snapshot, now),
      refreshing: snapshot.refreshing,
      generatedAt: new Date(now).toISOString(),
      ageMs: snapshot.fetchedAt === null ? null : now - snapshot.fetchedAt,
    };
  }

  /**
   * What a viewer that was sent `from` needs to reach `to`: the Spaces that appeared or
   * changed, the ids that left, and the accounts and data age as a list would give them.
   */
  change(from: InventorySnapshot, to: InventorySnapshot, visibility: Visibility, only?: ReadonlySet<string>): InventoryChangeEvent {
    const wanted = (space: SpaceSummary) => !only || only.has(space.id.toLowerCase());
    const before = new Map(this.project(from, visibility).spaces.filter(wanted).map((space) => [space.id, JSON.stringify(space)]));
    const { spaces, ...rest } = this.list(to, visibility, only);
    const changed = spaces.filter((space) => before.get(space.id) !== JSON.stringify(space));
    const present = new Set(spaces.map((space) => space.id));
    return { ...rest, changed, removed: [...before.keys()].filter((id) => !present.has(id)) };
  }

  /** Data is stale when an account's last read failed, or when refreshes have stopped landing. */
  isStale(snapshot: InventorySnapshot, now = Date.now()): boolean {
    if (snapshot.accounts.some((account) => account.error !== null)) return true;
    return snapshot.fetchedAt !== null && now - snapshot.fetchedAt > 2 * this.refreshIntervalMs;
  }

  private project(snapshot: InventorySnapshot, visibility: Visibility): Projection {
    const cached = this.memo.get(visibility.key);
    if (cached && cached.version === snapshot.version) return cached;
    const spaces = snapshot.spaces.filter((space) => visibility.sees(space));
    const accounts = snapshot.accounts.map((account) => {
      const owner = account.name.toLowerCase();
      return {
        name: account.name,
        canWrite: this.access.canWrite(account.name),
        spaceCount: spaces.filter((space) => space.owner.toLowerCase() === owner).length,
        error: account.error,
        fetchedAt: account.fetchedAt === null ? null : new Date(account.fetchedAt).toISOString(),
      };
    });
    const projection = { version: snapshot.version, spaces, accounts };
    this.memo.set(visibility.key, projection);
    return projection;
  }
}
