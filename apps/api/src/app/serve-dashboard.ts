import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Angular's output hashing: `main-ABCD1234.js`, `styles-ABCD1234.css`, `chunk-ABCD1234.js`. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(?:js|css|mjs)$/;
/** Paths the API owns (routing ignores case): never answered with the dashboard, nor looked up on disk. */
const API_PATHS = /^\/(?:api|metrics)(?:\/|$)/i;

/**
 * Serves the dashboard's production build on the API's port: hashed assets cached for
 * a year, everything else revalidated, and index.html (never cached) for every other
 * page path so the single-page app's routes survive a reload.
 */
export function serveDashboard(app: NestExpressApplication, directory: string): boolean {
  const index = join(directory, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`No dashboard build in ${directory}: serving the API only (build it with npm run build)`);
    return false;
  }
  const assets = serveStatic(directory, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The static handler asks the disk about every path it sees: an API request would pay a
  // file-system round trip through libuv's thread pool before reaching its route.
  app.use((request: Request, response: Response, next: NextFunction) => (API_PATHS.test(request.path) ? next() : assets(request, response, next)));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATHS.test(request.path)) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-store');
    response.sendFile(index);
  });
  return true;
}
