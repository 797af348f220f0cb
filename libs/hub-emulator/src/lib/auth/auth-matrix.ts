import { HubError, INVALID_USER_OR_PASSWORD } from '../http/hub-error';
import type { ScenarioToken, ScenarioUser } from '../scenario/scenario.schema';
import type { HubStore } from '../state/hub-store';
import type { SpaceRecord } from '../state/space-record';
import type { Principal } from './principal';

type Access = 'read' | 'write';

const READ_PERMISSIONS = new Set(['repo.content.read', 'repo.write']);

/** What a token's role allows on this Space; a fine-grained token only within its scopes. */
function tokenAllows(user: ScenarioUser, token: ScenarioToken, space: SpaceRecord, access: Access): boolean {
  if (token.role === 'write') return true;
  if (token.role === 'read') return access === 'read';
  const scoped = token.fineGrained?.scoped ?? [
    { entity: { type: 'user' as const, name: user.name }, permissions: ['repo.content.read', 'repo.write'] },
  ];
  return scoped.some(({ entity, permissions }) => {
    const covers =
      entity.type === 'space'
        ? entity.name.toLowerCase() === space.id.toLowerCase()
        : entity.name.toLowerCase() === space.owner.toLowerCase();
    const granted = access === 'read' ? permissions.some((p) => READ_PERMISSIONS.has(p)) : permissions.includes('repo.write');
    return covers && granted;
  });
}

/** The user's standing in the Space's namespace: owner, an org role, or none. */
function membership(store: HubStore, user: ScenarioUser, space: SpaceRecord): 'owner' | 'admin' | 'write' | 'contributor' | 'read' | null {
  if (user.name.toLowerCase() === space.owner.toLowerCase()) return 'owner';
  const org = store.org(space.owner);
  const member = org?.members.find((m) => m.user.toLowerCase() === user.name.toLowerCase());
  return member?.roleInOrg ?? null;
}

export function canRead(store: HubStore, principal: Principal, space: SpaceRecord): boolean {
  if (!space.def.private) return true;
  if (principal.kind !== 'token') return false;
  return membership(store, principal.user, space) !== null && tokenAllows(principal.user, principal.token, space, 'read');
}

/** Owner, or an org member with `admin`/`write`, through a token that may write there. */
export function canWrite(store: HubStore, principal: Principal, space: SpaceRecord): boolean {
  if (principal.kind !== 'token') return false;
  const role = membership(store, principal.user, space);
  const roleAllows = role === 'owner' || role === 'admin' || role === 'write';
  return roleAllows && tokenAllows(principal.user, principal.token, space, 'write');
}

/**
 * The Space if this caller may see it. Otherwise the Hub hides whether it exists:
 * anonymous callers get 401 and token holders 404, both `RepoNotFound` (docs/hub-api.md §11).
 */
export function visibleSpace(store: HubStore, principal: Principal, owner: string, name: string): SpaceRecord {
  const space = store.space(owner, name);
  if (space && canRead(store, principal, space)) return space;
  if (principal.kind === 'token') {
    throw new HubError({ status: 404, error: 'Repository not found', code: 'RepoNotFound' });
  }
  throw new HubError({ status: 401, error: INVALID_USER_OR_PASSWORD, code: 'RepoNotFound' });
}

/** Mutations need a login (401) and write rights on the Space (403, docs/hub-api.md §4, §11). */
export function requireWrite(store: HubStore, principal: Principal, space: SpaceRecord): void {
  if (principal.kind !== 'token') throw new HubError({ status: 401, error: INVALID_USER_OR_PASSWORD, message: INVALID_USER_OR_PASSWORD });
  if (canWrite(store, principal, space)) return;
  const error =
    principal.token.role === 'read'
      ? 'This action requires a token with write access; the token used is read-only'
      : `You don't have the rights to manage the Space ${space.id}: only its owner or an organization member with write access can`;
  throw new HubError({ status: 403, error, message: error });
}
