import type { RequestHandler } from 'express';
import type { HubRouteName } from './route-names';

/** One Hub route; the app mounts it behind the route pipeline. */
export interface HubRoute {
  name: HubRouteName;
  method: 'get' | 'post';
  paths: string[];
  handler: RequestHandler;
  /** Parse a JSON request body first. */
  jsonBody?: boolean;
}

/** Express 5 gives `string | string[]` for params; a Hub path segment is one string. */
export function param(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
