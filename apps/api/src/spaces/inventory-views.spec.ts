import type { SpaceSummary } from '@hfd/contracts';
import type { AppConfigService } from '../config/app-config.service';
import type { AccountAccessService } from './account-access.service';
import { InventoryViews } from './inventory-views';
import { Visibility } from './visibility';
import type { InventorySnapshot } from './inventory.types';

function space(id: string, overrides: Partial<SpaceSummary> = {}): SpaceSummary {
  const [owner, name] = id.split('/');
  return {
    id, owner, name, title: name, emoji: null, description: null, colorFrom: null, colorTo: null, sdk: 'gradio', private: false,
    tags: [], likes: 0, createdAt: null, lastModified: null, appUrl: null, hubUrl: `https://hub/spaces/${id}`, runtime: null, stageSince: null, ...overrides,
  };
}

function snapshot(version: number, spaces: SpaceSummary[]): InventorySnapshot {
  return { version, contentVersion: version, spaces, accounts: [{ name: 'u', fetchedAt: 1000, error: null }], fetchedAt: 1000, refreshing: false };
}

describe('InventoryViews.change', () => {
  const config = { get: (key: string) => (key === 'REFRESH_INTERVAL' ? 30_000 : undefined) } as unknown as AppConfigService;
  const access = { canWrite: () => true } as unknown as AccountAccessService;
  const views = new InventoryViews(config, access);

  it('lists the Spaces that appeared or changed, and the ids that left', () => {
    const from = snapshot(1, [space('u/a'), space('u/b'), space('u/c')]);
    const to = snapshot(2, [space('u/a'), space('u/b', { title: 'B!' }), space('u/d')]);
    const change = views.change(from, to, Visibility.everything);
    expect(change.changed.map((each) => each.id)).toEqual(['u/b', 'u/d']);
    expect(change.removed).toEqual(['u/c']);
    expect(change.accounts).toEqual([expect.objectContaining({ name: 'u', spaceCount: 3 })]);
  });

  it('treats a Space that became private as gone for a viewer who may not see it', () => {
    const from = snapshot(1, [space('u/a')]);
    const to = snapshot(2, [space('u/a', { private: true })]);
    expect(views.change(from, to, Visibility.publicOnly)).toMatchObject({ changed: [], removed: ['u/a'] });
    expect(views.change(from, to, Visibility.everything).changed.map((each) => each.id)).toEqual(['u/a']);
  });

  it('narrows to the Spaces a viewer asked for', () => {
    const from = snapshot(1, [space('u/a'), space('u/b')]);
    const to = snapshot(2, [space('u/a', { likes: 1 }), space('u/b', { likes: 1 })]);
    expect(views.change(from, to, Visibility.everything, new Set(['u/b'])).changed.map((each) => each.id)).toEqual(['u/b']);
  });
});
