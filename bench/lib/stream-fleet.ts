import type { SpacesListResponse } from '@hfd/contracts';
import type { HubEmulator } from '@hfd/hub-emulator';
import { eventually, getJson, type ServerProcess } from '@hfd/test-support';

/**
 * A fleet whose every non-static Space runs (so each has live metrics), none private (so
 * an anonymous stream client sees them all): the first `count` non-static ones are watched.
 */
export function runningSpaceIds(hub: HubEmulator, count: number): string[] {
  const ids = hub.scenario.spaces.filter((space) => space.sdk !== 'static' && space.stage === 'RUNNING').map((space) => space.id);
  if (ids.length < count) throw new Error(`The scenario has ${ids.length} running non-static Spaces, ${count} are needed`);
  return ids.slice(0, count);
}

/** Waits until the server has read every account once (its first Hub read is in the background). */
export function waitForInventory(server: ServerProcess, timeoutMs = 60_000): Promise<SpacesListResponse> {
  return eventually(
    'the first inventory',
    () => getJson<SpacesListResponse>(`${server.url}/api/v1/spaces`),
    (list) => list.fetchedAt !== null && list.accounts.every((account) => account.fetchedAt !== null),
    timeoutMs,
    100,
  );
}

export function streamUrl(server: ServerProcess, spaceIds: readonly string[]): string {
  return `${server.url}/api/v1/stream?spaces=${spaceIds.join(',')}`;
}
