import { Injectable } from '@nestjs/common';
import { ERROR_CODES, type SpaceAction, type SpaceActionResponse, type SpaceDetail, type SpacesListResponse, type SpaceSummary } from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import { actorOf, canSeeAccount, type Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import type { AccountConfig } from '../config/hf-user.parser';
import type { HubRuntime } from '../hf-client/hf-api.types';
import { HfClientService } from '../hf-client/hf-client.service';
import { HubTarget } from '../hub-target/hub-target';
import { AccountAccessService } from './account-access.service';
import { accountByName } from './account-by-name';
import { ActionFollowerService } from './action-follower.service';
import { InventoryViews } from './inventory-views';
import { InventoryService } from './inventory.service';
import { DetailCache } from './detail-cache';
import { ListBodies } from './list-bodies';
import type { ListBody } from './list-body';
import { toDetail, toRuntime } from './space.mapper';
import { Visibility } from './visibility';

/** A fresh detail read (or its failure) is reused this long: at most one Hub request per Space per this long. */
export const DETAIL_TTL_MS = 5000;

function notFound(): ApiException {
  return new ApiException(404, ERROR_CODES.spaceNotFound, 'Space not found');
}

/** Whom the server reads the Hub for: a logged-in user or a script with the API key, nobody else. */
function readsHub(principal: Principal | null): boolean {
  return principal?.kind === 'session' || principal?.kind === 'apiKey';
}

@Injectable()
export class SpacesService {
  private readonly showPrivate: boolean;
  private readonly firstReadWaitMs: number;
  private readonly appUrlTemplate: string;
  private readonly details = new DetailCache<SpaceDetail>(DETAIL_TTL_MS);

  constructor(
    config: AppConfigService,
    private readonly hub: HubTarget,
    private readonly hf: HfClientService,
    private readonly inventory: InventoryService,
    private readonly views: InventoryViews,
    private readonly bodies: ListBodies,
    private readonly access: AccountAccessService,
    private readonly follower: ActionFollowerService,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
    this.firstReadWaitMs = config.get('HUB_TIMEOUT');
    this.appUrlTemplate = config.get('SPACE_URL_TEMPLATE');
  }

  /** The list as this caller may see it, serialised once for everyone who sees the same. */
  async list(principal: Principal | null): Promise<ListBody> {
    const snapshot = await this.inventory.read(this.firstReadWaitMs);
    return this.bodies.get(snapshot, Visibility.of(principal, this.showPrivate));
  }

  /** A forced refresh, shared by everyone who asks within FORCED_REFRESH_INTERVAL_MS (429 after it, with Retry-After). */
  async refresh(principal: Principal): Promise<SpacesListResponse> {
    const forced = this.inventory.forceRefresh();
    if ('retryAfterMs' in forced) {
      const seconds = Math.max(1, Math.ceil(forced.retryAfterMs / 1000));
      throw new ApiException(429, ERROR_CODES.refreshTooSoon, `A refresh ran moments ago; the next may start in ${seconds} s`, { 'Retry-After': String(seconds) });
    }
    return this.views.list(await forced.refresh, Visibility.of(principal, this.showPrivate));
  }

  /**
   * Visitors are answered from the inventory alone and never cause a Hub request: the owners'
   * rate limits are theirs to spend. Every 404 of theirs (a private Space, a missing one, an
   * account not configured) is the same single lookup, so its timing tells nothing either.
   * Sessions and keys read afresh from the Hub, at most once per DETAIL_TTL_MS per Space, with
   * one read shared by everyone asking meanwhile; what the inventory already rules out (a
   * private Space they may not see, a name missing from a complete, current list of its
   * account) is answered without asking. Someone is waiting for the answer, so a spent rate
   * limit is a 429 with Retry-After at once, never a wait.
   */
  async detail(owner: string, name: string, principal: Principal | null): Promise<SpaceDetail> {
    const visibility = Visibility.of(principal, this.showPrivate);
    const id = `${owner}/${name}`;
    if (!readsHub(principal)) {
      const space = this.inventory.detail(id);
      if (space === undefined || !visibility.sees(space)) throw notFound();
      return space;
    }
    const account = this.accountOf(owner);
    const known = this.inventory.find(id);
    if (known ? !visibility.sees(known) : this.inventory.isCurrent(account.name)) throw notFound();
    const hubId = known?.id ?? id;
    const space = await this.details.get(hubId.toLowerCase(), async () =>
      toDetail(await this.hf.spaceInfo(hubId, account.token, { maxRateLimitWaitMs: 0 }), this.hub.hubEndpoint),
    );
    if (!visibility.sees(space)) throw notFound();
    // The Hub does not say since when; the inventory knows if it saw this stage begin.
    const current = this.inventory.find(id);
    return current && current.runtime?.stage === space.runtime?.stage ? { ...space, stageSince: current.stageSince } : space;
  }

  /** `principal` has the operator role (the route says so); its account scope is checked here, and it is recorded as the actor of the stage changes that follow. */
  async act(owner: string, name: string, action: SpaceAction, principal: Principal | null): Promise<SpaceActionResponse> {
    const account = this.accountOf(owner);
    if (!canSeeAccount(principal, account.name)) {
      // A Space whose private existence the caller may not know of is not found; a public one is refused with the reason.
      if (!Visibility.of(principal, this.showPrivate).sees(this.inventory.find(`${owner}/${name}`) ?? { id: `${owner}/${name}`, private: true })) throw notFound();
      throw new ApiException(403, ERROR_CODES.outOfScope, `You may act on Spaces of ${[...(principal?.accounts ?? [])].join(', ')} only`);
    }
    return this.perform(owner, name, action, 'action', actorOf(principal));
  }

  /**
   * An automation rule's action: the same path as a person's, without a caller's scope (the
   * rule's targets were checked against its author's scope when it was saved).
   */
  actForRule(spaceId: string, action: SpaceAction, rule: string): Promise<SpaceActionResponse> {
    const [owner, name] = spaceId.split('/');
    return this.perform(owner, name, action, 'automation', rule);
  }

  /** Whether the Space's account has a token that may act (restart, pause…) on its Spaces. */
  mayWrite(account: string): boolean {
    const config = accountByName(this.hub.accounts, account);
    return config !== undefined && config.token !== null && this.access.canWrite(config.name);
  }

  /**
   * Where a Space's app answers (SPACE_URL_TEMPLATE), and the token it needs: a private Space's
   * app takes its account's token, a public one is visited without any.
   */
  appTarget(space: SpaceSummary): { url: string; token: string | null } {
    const fromHub = space.appUrl === null ? null : new URL(space.appUrl).hostname.split('.')[0];
    const subdomain = fromHub ?? space.id.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const url = this.appUrlTemplate.replace(/\{subdomain\}/g, subdomain).replace(/\{owner\}/g, encodeURIComponent(space.owner)).replace(/\{name\}/g, encodeURIComponent(space.name));
    return { url, token: space.private ? (accountByName(this.hub.accounts, space.owner)?.token ?? null) : null };
  }

  /** The one action path: people (`action`, their name) and rules (`automation`, the rule's name) alike; the history records who. */
  private async perform(owner: string, name: string, action: SpaceAction, source: 'action' | 'automation', actor: string | null): Promise<SpaceActionResponse> {
    const account = this.accountOf(owner);
    if (this.inventory.find(`${owner}/${name}`)?.sdk === 'static') {
      // The Hub answers these with a bare 400; saying why, without spending a Hub request, is kinder.
      throw new ApiException(400, ERROR_CODES.staticSpace, 'Static Spaces are always running and never billed: they cannot be restarted, rebuilt, paused or resumed');
    }
    if (account.token === null || !this.access.canWrite(account.name)) {
      const why = account.token === null ? 'has no token configured' : 'has a token that may not write';
      throw new ApiException(403, ERROR_CODES.tokenCannotWrite, `The account ${account.name} ${why}: its Spaces are read-only here`);
    }
    const id = this.canonicalId(owner, name);
    const hubRuntime = await this.send(id, account.token, action);
    const runtime = toRuntime(hubRuntime);
    this.inventory.applyRuntime(id, runtime, source, actor);
    this.follower.follow(id, account.token, actor, source);
    return { id, action, runtime };
  }

  /** Mutations go to the Hub once: a failed restart is reported, never retried blindly. */
  private send(id: string, token: string, action: SpaceAction): Promise<HubRuntime> {
    switch (action) {
      case 'restart':
      case 'resume':
        return this.hf.restart(id, token);
      case 'rebuild':
        return this.hf.restart(id, token, { factory: true });
      case 'pause':
        return this.hf.pause(id, token);
    }
  }

  private accountOf(owner: string): AccountConfig {
    const account = accountByName(this.hub.accounts, owner);
    if (!account) throw notFound();
    return account;
  }

  /** The id as the Hub spells it, when the inventory knows the Space. */
  private canonicalId(owner: string, name: string): string {
    const id = `${owner}/${name}`;
    return this.inventory.find(id)?.id ?? id;
  }
}
