import { objectId } from '../hub/ids';
import type { SpaceStage } from '../hub/stages';
import type { Scenario, ScenarioOrg, ScenarioToken, ScenarioUser } from '../scenario/scenario.schema';
import { SpaceRecord } from './space-record';
import { Topic, type Listener } from './topic';

export interface TokenOwner {
  user: ScenarioUser;
  token: ScenarioToken;
}

export interface StageChange {
  space: SpaceRecord;
  stage: SpaceStage;
}

/** Something the Hub did to a Space, on request (restart, pause, …) or on its own (sleep, crash). */
export type SpaceActionKind = 'restart' | 'rebuild' | 'pause' | 'hardware' | 'sleep-time' | 'wake' | 'sleep' | 'crash';

export interface SpaceAction {
  space: SpaceRecord;
  kind: SpaceActionKind;
}

const ACCOUNT_EPOCH = '2022-03-02T23:29:04.000Z';

/** The emulated Hub's data: accounts, tokens and Spaces, with stage-change notifications. */
export class HubStore {
  readonly spaces: readonly SpaceRecord[];
  private readonly spacesById = new Map<string, SpaceRecord>();
  private readonly spacesBySubdomain = new Map<string, SpaceRecord>();
  private readonly users = new Map<string, ScenarioUser>();
  private readonly orgs = new Map<string, ScenarioOrg>();
  private readonly tokens = new Map<string, TokenOwner>();
  private readonly stageTopics = new Map<string, Topic<StageChange>>();
  private readonly anyStage = new Topic<StageChange>();
  private readonly actions = new Topic<SpaceAction>();

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    for (const account of scenario.accounts) {
      if (account.type === 'user') {
        this.users.set(account.name.toLowerCase(), account);
        for (const token of account.tokens) this.tokens.set(token.token, { user: account, token });
      } else {
        this.orgs.set(account.name.toLowerCase(), account);
      }
    }
    this.spaces = scenario.spaces.map((def) => new SpaceRecord(def, seed));
    for (const space of this.spaces) {
      this.spacesById.set(space.id.toLowerCase(), space);
      this.spacesBySubdomain.set(space.subdomain, space);
    }
  }

  /** Repo ids resolve case-insensitively, like the Hub's. */
  space(owner: string, name: string): SpaceRecord | undefined {
    return this.spacesById.get(`${owner}/${name}`.toLowerCase());
  }

  spaceById(id: string): SpaceRecord | undefined {
    return this.spacesById.get(id.toLowerCase());
  }

  /** The Space whose app lives at `{subdomain}.hf.space`. */
  spaceBySubdomain(subdomain: string): SpaceRecord | undefined {
    return this.spacesBySubdomain.get(subdomain.toLowerCase());
  }

  tokenOwner(token: string): TokenOwner | undefined {
    return this.tokens.get(token);
  }

  org(name: string): ScenarioOrg | undefined {
    return this.orgs.get(name.toLowerCase());
  }

  user(name: string): ScenarioUser | undefined {
    return this.users.get(name.toLowerCase());
  }

  orgsOf(user: ScenarioUser): Array<{ org: ScenarioOrg; roleInOrg: ScenarioOrg['members'][number]['roleInOrg'] }> {
    const out: Array<{ org: ScenarioOrg; roleInOrg: ScenarioOrg['members'][number]['roleInOrg'] }> = [];
    for (const org of this.orgs.values()) {
      const member = org.members.find((m) => m.user.toLowerCase() === user.name.toLowerCase());
      if (member) out.push({ org, roleInOrg: member.roleInOrg });
    }
    return out;
  }

  accountId(account: ScenarioUser | ScenarioOrg): string {
    return account.id ?? objectId(this.seed, `account:${account.name}`, ACCOUNT_EPOCH);
  }

  onStage(space: SpaceRecord, listener: Listener<StageChange>): () => void {
    return this.topicFor(space).subscribe(listener);
  }

  onAnyStage(listener: Listener<StageChange>): () => void {
    return this.anyStage.subscribe(listener);
  }

  notifyStage(space: SpaceRecord): void {
    const change = { space, stage: space.runtime.stage };
    this.topicFor(space).publish(change);
    this.anyStage.publish(change);
  }

  onAction(listener: Listener<SpaceAction>): () => void {
    return this.actions.subscribe(listener);
  }

  notifyAction(space: SpaceRecord, kind: SpaceActionKind): void {
    this.actions.publish({ space, kind });
  }

  private topicFor(space: SpaceRecord): Topic<StageChange> {
    let topic = this.stageTopics.get(space.id);
    if (!topic) {
      topic = new Topic<StageChange>();
      this.stageTopics.set(space.id, topic);
    }
    return topic;
  }
}
