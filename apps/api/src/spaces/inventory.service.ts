import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { RuntimeStage, SpaceDetail, SpaceRuntime, SpaceStatusEvent, SpaceSummary, StatusSource } from '@hfd/contracts';
import { BehaviorSubject, Subject, Subscription, interval } from 'rxjs';
import { AppConfigService } from '../config/app-config.service';
import type { HubSpace } from '../hf-client/hf-api.types';
import { HfClientService } from '../hf-client/hf-client.service';
import { HubTarget } from '../hub-target/hub-target';
import { AccountAccessService } from './account-access.service';
import { accountByName } from './account-by-name';
import { toAccountError } from './account-error';
import type { AccountSnapshot, InventorySnapshot } from './inventory.types';
import { toDetailExtras, toSummary, type DetailExtras } from './space.mapper';
import { stageSinceOf } from './stage-since';

/** Forced refreshes (someone asked for one) start at most this often, whoever asks. */
export const FORCED_REFRESH_INTERVAL_MS = 5000;

/** How one account's list read ended. */
type AccountRead = { ok: true; spaces: HubSpace[] } | { ok: false; error: unknown };

/** A forced refresh: the one started or joined, or how long until one may start. */
export type ForcedRefresh = { refresh: Promise<InventorySnapshot> } | { retryAfterMs: number };

/** A runtime learned outside a refresh (an action, its follow-up), with when it was learned. */
interface RuntimeOverride {
  runtime: SpaceRuntime;
  at: number;
}

/**
 * The Space inventory of every configured account: one paginated list call per account,
 * accounts in parallel, each published as soon as it is read, cached. Refreshes run in the background every REFRESH_INTERVAL,
 * one at a time; readers always get the cached data at once (stale-while-revalidate).
 * One account failing keeps its last known Spaces and reports the error beside them.
 */
@Injectable()
export class InventoryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InventoryService.name);
  private readonly snapshot: BehaviorSubject<InventorySnapshot>;
  private readonly statusChanges = new Subject<SpaceStatusEvent>();
  private readonly overrides = new Map<string, RuntimeOverride>();
  /** The detail fields of each Space (by lower-case id), read with the list. */
  private readonly extras = new Map<string, DetailExtras>();
  /** The Spaces of the current version by lower-case id: every lookup costs the same, found or not. */
  private index: { version: number; byId: Map<string, SpaceSummary> } | null = null;
  private inFlight: Promise<InventorySnapshot> | null = null;
  private lastForcedAt: number | null = null;
  private schedule: Subscription | null = null;

  /** Every published state of the inventory; a new subscriber gets the current one first. */
  readonly snapshots$;
  /** Each observed stage change of a Space. */
  readonly statusChanges$ = this.statusChanges.asObservable();

  constructor(
    private readonly hf: HfClientService,
    private readonly hub: HubTarget,
    private readonly config: AppConfigService,
    private readonly access: AccountAccessService,
  ) {
    this.snapshot = new BehaviorSubject<InventorySnapshot>({
      version: 0,
      contentVersion: 0,
      spaces: [],
      accounts: hub.accounts.map((account) => ({ name: account.name, fetchedAt: null, error: null })),
      fetchedAt: null,
      refreshing: false,
    });
    this.snapshots$ = this.snapshot.asObservable();
  }

  /** Read once at start, so the first visitor does not wait; then on schedule. */
  onApplicationBootstrap(): void {
    void this.refresh();
    this.schedule = interval(this.config.get('REFRESH_INTERVAL')).subscribe(() => void this.refresh());
  }

  onModuleDestroy(): void {
    this.schedule?.unsubscribe();
    this.statusChanges.complete();
    this.snapshot.complete();
  }

  get current(): InventorySnapshot {
    return this.snapshot.value;
  }

  /**
   * The inventory for a reader. Only before the very first read completes does a reader
   * wait, and at most `maxWaitMs`; afterwards cached data is answered at once.
   */
  async read(maxWaitMs: number): Promise<InventorySnapshot> {
    const current = this.snapshot.value;
    if (current.fetchedAt !== null || this.inFlight === null) return current;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<InventorySnapshot>((resolve) => {
      timer = setTimeout(() => resolve(this.snapshot.value), maxWaitMs);
    });
    try {
      return await Promise.race([this.inFlight, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts a refresh, or joins the one in flight. */
  refresh(): Promise<InventorySnapshot> {
    if (this.inFlight) return this.inFlight;
    this.publish({ refreshing: true });
    this.inFlight = this.readAccounts().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * A refresh someone asked for. It joins the refresh in flight, if any; otherwise it starts one,
   * at most once per FORCED_REFRESH_INTERVAL_MS for everyone together: each costs a list request
   * per account and page, from the owners' rate limits.
   */
  forceRefresh(): ForcedRefresh {
    if (this.inFlight) return { refresh: this.inFlight };
    const now = Date.now();
    const waitMs = this.lastForcedAt === null ? 0 : this.lastForcedAt + FORCED_REFRESH_INTERVAL_MS - now;
    if (waitMs > 0) return { retryAfterMs: waitMs };
    this.lastForcedAt = now;
    return { refresh: this.refresh() };
  }

  /** Whether the last read of this account's Spaces succeeded, so its list can be trusted as complete. */
  isCurrent(account: string): boolean {
    const state = accountByName(this.snapshot.value.accounts, account);
    return state !== undefined && state.fetchedAt !== null && state.error === null;
  }

  find(id: string): SpaceSummary | undefined {
    const current = this.snapshot.value;
    if (this.index?.version !== current.version) {
      this.index = { version: current.version, byId: new Map(current.spaces.map((space) => [space.id.toLowerCase(), space])) };
    }
    return this.index.byId.get(id.toLowerCase());
  }

  /** A Space's detail as the last list read gave it, with the latest runtime. */
  detail(id: string): SpaceDetail | undefined {
    const space = this.find(id);
    const extras = space && this.extras.get(space.id.toLowerCase());
    return space && extras && { ...space, ...extras };
  }

  /**
   * A runtime learned from an action or while following one: applied now, announced as a
   * status event if the stage moved. Viewers apply status events themselves, so this is
   * not a content change that would resend the whole inventory to everyone.
   */
  applyRuntime(id: string, runtime: SpaceRuntime, source: StatusSource, actor: string | null = null): void {
    const previous = this.find(id);
    if (!previous) return;
    const at = new Date();
    this.overrides.set(previous.id, { runtime, at: at.getTime() });
    const updated = { ...previous, runtime, stageSince: stageSinceOf(previous, runtime, at.toISOString()) };
    const spaces = this.snapshot.value.spaces.map((space) => (space.id === previous.id ? updated : space));
    this.announce(previous.id, previous.runtime?.stage ?? null, runtime, source, at.toISOString(), actor);
    this.publish({ spaces });
  }

  /**
   * Every account is read in parallel and published as soon as its read settles, so an account
   * that waits out a rate limit (or a slow Hub) does not hold back the fresh data of the others.
   */
  private async readAccounts(): Promise<InventorySnapshot> {
    const startedAt = Date.now();
    const access = this.access.resolve();
    const [accessChanged] = await Promise.all([
      access,
      Promise.all(
        this.hub.accounts.map(async (account) => {
          const result = await this.hf.listSpaces(account.name, account.token).then(
            (spaces): AccountRead => ({ ok: true, spaces }),
            (error: unknown): AccountRead => ({ ok: false, error }),
          );
          // With what the tokens may do known (asked once per token, then cached): a card must
          // not show its actions refused for the moment until then.
          await access;
          this.applyAccount(account.name, result, startedAt);
        }),
      ),
    ]);
    this.forgetOverridesBefore(startedAt);
    return this.publish({ fetchedAt: Date.now(), refreshing: false }, accessChanged);
  }

  /** One account's read: its Spaces replace its previous ones (kept, with the error, if it failed). */
  private applyAccount(name: string, result: AccountRead, refreshStartedAt: number): void {
    const before = this.snapshot.value;
    const owner = name.toLowerCase();
    const ownedBy = (key: string) => (space: SpaceSummary) => space.owner.toLowerCase() === key;
    const previousSpaces = before.spaces.filter(ownedBy(owner));
    const previousState = before.accounts.find((state) => state.name === name);
    // One moment for the stage changes this read saw: their stageSince and their status events agree.
    const now = new Date().toISOString();
    let spaces: SpaceSummary[];
    let state: AccountSnapshot;
    if (result.ok) {
      spaces = result.spaces.map((hubSpace) => {
        const space = this.withLatestRuntime(toSummary(hubSpace, this.hub.hubEndpoint), refreshStartedAt);
        const old = previousSpaces.find((candidate) => candidate.id === space.id);
        return { ...space, stageSince: stageSinceOf(old, space.runtime, now) };
      });
      state = { name, fetchedAt: Date.now(), error: null };
      for (const space of previousSpaces) this.extras.delete(space.id.toLowerCase());
      for (const space of result.spaces) this.extras.set(space.id.toLowerCase(), toDetailExtras(space));
    } else {
      this.logger.warn(`Could not read the Spaces of ${name}: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
      spaces = previousSpaces;
      state = { name, fetchedAt: previousState?.fetchedAt ?? null, error: toAccountError(result.error, new Date()) };
    }
    for (const space of spaces) {
      const old = previousSpaces.find((candidate) => candidate.id === space.id);
      if (old && space.runtime && old.runtime?.stage !== space.runtime.stage) {
        this.announce(space.id, old.runtime?.stage ?? null, space.runtime, 'refresh', now);
      }
    }
    const changed = JSON.stringify([spaces, state.error]) !== JSON.stringify([previousSpaces, previousState?.error ?? null]);
    this.publish(
      {
        // In the configured order of the accounts, whichever read settled first.
        spaces: this.hub.accounts.flatMap((account) => (account.name === name ? spaces : before.spaces.filter(ownedBy(account.name.toLowerCase())))),
        accounts: before.accounts.map((candidate) => (candidate.name === name ? state : candidate)),
      },
      changed,
    );
  }

  /** A refresh that started before an action must not roll its result back. */
  private withLatestRuntime(space: SpaceSummary, refreshStartedAt: number): SpaceSummary {
    const override = this.overrides.get(space.id);
    return override && override.at > refreshStartedAt ? { ...space, runtime: override.runtime } : space;
  }

  private forgetOverridesBefore(time: number): void {
    for (const [id, override] of this.overrides) if (override.at <= time) this.overrides.delete(id);
  }

  private announce(spaceId: string, previousStage: RuntimeStage | null, runtime: SpaceRuntime, source: StatusSource, at: string, actor: string | null = null): void {
    if (previousStage === runtime.stage) return;
    this.statusChanges.next({ spaceId, stage: runtime.stage, previousStage, runtime, source, at, ...(actor === null ? {} : { actor }) });
  }

  private publish(change: Partial<Omit<InventorySnapshot, 'version' | 'contentVersion'>>, contentChanged = false): InventorySnapshot {
    const current = this.snapshot.value;
    const next = { ...current, ...change, version: current.version + 1, contentVersion: current.contentVersion + (contentChanged ? 1 : 0) };
    this.snapshot.next(next);
    return next;
  }
}
