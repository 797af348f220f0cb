/** The request paths Express routes to `path` (case-insensitive, with or without a trailing slash), for middleware that must recognise a route before Express does. */
export function expressSpellings(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`, 'i');
}
