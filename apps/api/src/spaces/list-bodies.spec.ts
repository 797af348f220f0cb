import type { SpaceSummary } from '@hfd/contracts';
import type { AppConfigService } from '../config/app-config.service';
import type { AccountAccessService } from './account-access.service';
import { InventoryViews } from './inventory-views';
import type { InventorySnapshot } from './inventory.types';
import { ListBodies } from './list-bodies';
import { Visibility } from './visibility';

const REFRESH_INTERVAL_MS = 30_000;

function space(id: string, isPrivate: boolean): SpaceSummary {
  const [owner, name] = id.split('/');
  return {
    id, owner, name, title: name, emoji: null, description: null, colorFrom: null, colorTo: null, sdk: 'gradio', private: isPrivate,
    tags: [], likes: 0, createdAt: null, lastModified: null, appUrl: null, hubUrl: `https://hub/spaces/${id}`, runtime: null, stageSince: null,
  };
}

function snapshot(version: number, fetchedAt = 1_000_000): InventorySnapshot {
  return {
    version,
    contentVersion: version,
    spaces: [space('u/public', false), space('u/secret', true)],
    accounts: [{ name: 'u', fetchedAt, error: null }],
    fetchedAt,
    refreshing: false,
  };
}

describe('ListBodies', () => {
  const config = { get: (key: string) => (key === 'REFRESH_INTERVAL' ? REFRESH_INTERVAL_MS : undefined) } as unknown as AppConfigService;
  const access = { canWrite: () => true } as unknown as AccountAccessService;
  const ids = (bodies: ListBodies, at: InventorySnapshot, visibility: Visibility, now: number) =>
    (JSON.parse(bodies.get(at, visibility, now).identity.toString('utf8')) as { spaces: SpaceSummary[] }).spaces.map((each) => each.id);

  it('serialises one body per view and inventory version, whoever asks', () => {
    const bodies = new ListBodies(new InventoryViews(config, access));
    const now = 1_000_500;
    expect(bodies.get(snapshot(1), Visibility.publicOnly, now)).toBe(bodies.get(snapshot(1), Visibility.publicOnly, now + 900));
    expect(bodies.get(snapshot(2), Visibility.publicOnly, now)).not.toBe(bodies.get(snapshot(1), Visibility.publicOnly, now));
  });

  it('keeps the views apart: a visitor never gets the body of a logged-in reader', () => {
    const bodies = new ListBodies(new InventoryViews(config, access));
    expect(ids(bodies, snapshot(1), Visibility.everything, 1_000_500)).toEqual(['u/public', 'u/secret']);
    expect(ids(bodies, snapshot(1), Visibility.publicOnly, 1_000_500)).toEqual(['u/public']);
    expect(ids(bodies, snapshot(1), Visibility.everything, 1_000_500)).toEqual(['u/public', 'u/secret']);
  });

  it('keeps one body per account scope: a scoped reader sees the private Spaces of its accounts only', () => {
    const bodies = new ListBodies(new InventoryViews(config, access));
    const scoped = (accounts: string[]) =>
      Visibility.of({ kind: 'apiKey', name: 'k', keyId: 'k', role: 'viewer', accounts: new Set(accounts), expiresAt: null }, false);
    expect(ids(bodies, snapshot(1), scoped(['u']), 1_000_500)).toEqual(['u/public', 'u/secret']);
    expect(ids(bodies, snapshot(1), scoped(['elsewhere']), 1_000_500)).toEqual(['u/public']);
    expect(bodies.get(snapshot(1), scoped(['u']), 1_000_500)).not.toBe(bodies.get(snapshot(1), Visibility.everything, 1_000_500));
    expect(bodies.get(snapshot(1), scoped(['u']), 1_000_500)).toBe(bodies.get(snapshot(1), scoped(['U']), 1_000_500));
  });

  it('builds a new body when the data turns stale with time alone, so the answer says so at once', () => {
    const bodies = new ListBodies(new InventoryViews(config, access));
    const at = snapshot(1);
    const fresh = bodies.get(at, Visibility.publicOnly, 1_000_000 + REFRESH_INTERVAL_MS);
    const stale = bodies.get(at, Visibility.publicOnly, 1_000_000 + 2 * REFRESH_INTERVAL_MS + 1);
    expect(stale).not.toBe(fresh);
    expect(JSON.parse(stale.identity.toString('utf8'))).toMatchObject({ stale: true, ageMs: 2 * REFRESH_INTERVAL_MS + 1 });
  });
});
