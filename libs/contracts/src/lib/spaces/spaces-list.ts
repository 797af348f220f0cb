import type { SpaceSummary } from './space';

/** Why an account's Spaces could not be read. */
export const ACCOUNT_ERROR_KINDS = ['token_invalid', 'hub_unreachable', 'rate_limited', 'hub_error'] as const;
export type AccountErrorKind = (typeof ACCOUNT_ERROR_KINDS)[number];

export interface AccountError {
  kind: AccountErrorKind;
  message: string;
  /** When this error was seen. */
  at: string;
}

export interface AccountStatus {
  name: string;
  /** Whether this account's token may restart, rebuild and pause its Spaces (learned from the Hub). */
  canWrite: boolean;
  /** Number of Spaces of this account the caller may see. */
  spaceCount: number;
  /** Set when the last read of this account failed; its Spaces are then the last known ones. */
  error: AccountError | null;
  /** When this account's Spaces were last read successfully, if ever. */
  fetchedAt: string | null;
}

export interface SpacesListResponse {
  spaces: SpaceSummary[];
  accounts: AccountStatus[];
  /** When the inventory was last read completely (every account tried). */
  fetchedAt: string | null;
  /** True when the data is older than the refresh interval allows (a refresh failed or is late). */
  stale: boolean;
  /** True while a refresh is in flight. */
  refreshing: boolean;
  /**
   * When this answer was generated. One answer is shared by every reader until the inventory
   * changes, so over HTTP its `Age` header says how many seconds ago that was.
   */
  generatedAt: string;
  /** Age of the data in milliseconds at `generatedAt` (over HTTP, add the `Age` header for its age now). */
  ageMs: number | null;
}
