import { monotonicMs } from '../lib/time';

export interface WatchedAccount {
  name: string;
  token: string | null;
}

export interface BaselineResult {
  /** First request sent → last answer read. */
  totalMs: number;
  requests: number;
  listRequests: number;
  infoRequests: number;
  spaces: number;
}

/**
 * The original's inventory (ssfun/hf-space-manager, server.js:212 and 709):
 * for each account `GET /api/spaces?author=…`, then one `GET /api/spaces/{id}` per Space,
 * one after another, each awaited before the next. Plain fetch against the same emulator
 * with the same latency, so the ratio to ours is measured rather than computed.
 */
export async function originalInventory(hubUrl: string, accounts: readonly WatchedAccount[]): Promise<BaselineResult> {
  const started = monotonicMs();
  let listRequests = 0;
  let infoRequests = 0;
  let spaces = 0;
  for (const account of accounts) {
    const headers: Record<string, string> = account.token ? { Authorization: `Bearer ${account.token}` } : {};
    listRequests++;
    const list = await fetch(`${hubUrl}/api/spaces?author=${encodeURIComponent(account.name)}`, { headers });
    if (!list.ok) throw new Error(`The original's list call answered ${list.status}`);
    const items = (await list.json()) as Array<{ id: string }>;
    for (const item of items) {
      infoRequests++;
      const info = await fetch(`${hubUrl}/api/spaces/${item.id}`, { headers });
      if (!info.ok) throw new Error(`The original's info call for ${item.id} answered ${info.status}`);
      await info.json();
      spaces++;
    }
  }
  return { totalMs: monotonicMs() - started, requests: listRequests + infoRequests, listRequests, infoRequests, spaces };
}
