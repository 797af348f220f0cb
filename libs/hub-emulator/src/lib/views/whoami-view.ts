import type { JsonObject } from '../http/json';
import { Prng } from '../random/prng';
import type { ScenarioOrg, ScenarioToken, ScenarioUser } from '../scenario/scenario.schema';
import type { HubStore } from '../state/hub-store';

const TOKEN_EPOCH = '2024-01-01T00:00:00.000Z';

function avatar(store: HubStore, name: string): string {
  return `/avatars/${new Prng(store.seed, 'avatar', name).hex(32)}.svg`;
}

function orgView(store: HubStore, org: ScenarioOrg, roleInOrg: string): JsonObject {
  return {
    type: 'org',
    id: store.accountId(org),
    name: org.name,
    fullname: org.fullname ?? org.name,
    email: null,
    canPay: false,
    periodEnd: null,
    avatarUrl: org.avatarUrl ?? avatar(store, org.name),
    roleInOrg,
    isEnterprise: org.isEnterprise,
  };
}

function accessToken(store: HubStore, token: ScenarioToken): JsonObject {
  const body: JsonObject = {
    displayName: token.displayName,
    role: token.role,
    createdAt: token.createdAt ?? TOKEN_EPOCH,
  };
  if (token.role === 'fineGrained') {
    body['fineGrained'] = {
      scoped: (token.fineGrained?.scoped ?? []).map(({ entity, permissions }) => {
        const account = entity.type === 'space' ? undefined : (store.org(entity.name) ?? store.user(entity.name));
        const space = entity.type === 'space' ? store.spaceById(entity.name) : undefined;
        const id = account ? store.accountId(account) : (space?.objectId ?? null);
        return { entity: { _id: id, type: entity.type, name: entity.name }, permissions: [...permissions] };
      }),
      global: [...(token.fineGrained?.global ?? [])],
      canReadGatedRepos: false,
    };
  }
  return body;
}

/** `GET /api/whoami-v2` for a user's access token, in the key order of the recording (docs/hub-api.md §6). */
export function whoamiView(store: HubStore, user: ScenarioUser, token: ScenarioToken): JsonObject {
  return {
    type: 'user',
    id: store.accountId(user),
    name: user.name,
    fullname: user.fullname ?? user.name,
    email: user.email ?? `${user.name}@example.com`,
    emailVerified: true,
    canPay: user.canPay,
    isPro: user.isPro,
    periodEnd: null,
    avatarUrl: user.avatarUrl ?? avatar(store, user.name),
    billingMode: 'postpaid',
    orgs: store.orgsOf(user).map(({ org, roleInOrg }) => orgView(store, org, roleInOrg)),
    auth: { type: 'access_token', accessToken: accessToken(store, token) },
  };
}
