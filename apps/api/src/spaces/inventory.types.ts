import type { AccountError, SpaceSummary } from '@hfd/contracts';

export interface AccountSnapshot {
  name: string;
  /** Epoch ms of the last successful read of this account's Spaces. */
  fetchedAt: number | null;
  error: AccountError | null;
}

/** The whole inventory at one moment, for every viewer; projections filter it per viewer. */
export interface InventorySnapshot {
  /** Grows with every change, so projections can be memoised per version. */
  version: number;
  /** Grows only when Spaces or account errors change: what viewers need to be sent again. */
  contentVersion: number;
  spaces: readonly SpaceSummary[];
  accounts: readonly AccountSnapshot[];
  /** Epoch ms when every account was last tried. */
  fetchedAt: number | null;
  refreshing: boolean;
}
