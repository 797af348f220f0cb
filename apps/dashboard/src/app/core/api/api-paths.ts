import { API_ROUTES, type SpaceAction } from '@hfd/contracts';

/** `owner/name` → `/api/v1/spaces/owner/name[/suffix]`, each segment encoded on its own. */
export function spacePath(spaceId: string, suffix?: SpaceAction | 'metrics' | 'history' | 'uptime' | 'incidents'): string {
  const [owner, name] = spaceId.split('/');
  const base = `${API_ROUTES.spaces}/${encodeURIComponent(owner ?? '')}/${encodeURIComponent(name ?? '')}`;
  return suffix ? `${base}/${suffix}` : base;
}

/** True for requests to our own API, the only ones that may carry the session token. */
export function isOwnApiUrl(url: string): boolean {
  return url.startsWith('/api/');
}
