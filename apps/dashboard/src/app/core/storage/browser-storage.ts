/**
 * localStorage can throw (Safari private mode, storage disabled by policy, quota), and a
 * dashboard that cannot remember a preference must still work, so every access is guarded.
 */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) {
      globalThis.localStorage?.removeItem(key);
    } else {
      globalThis.localStorage?.setItem(key, value);
    }
  } catch {
    // Not remembered: the choice still applies to this page.
  }
}

/** Keys are namespaced so the dashboard never collides with another app on the same origin. */
export const STORAGE_KEYS = {
  theme: 'hfd.theme',
  lang: 'hfd.lang',
  session: 'hfd.session',
  view: 'hfd.view',
} as const;
