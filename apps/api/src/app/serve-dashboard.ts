import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Angular's output hashing: `main-ABCD1234.js`, `styles-ABCD1234.css`, `chunk-ABCD1234.js`. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(?:js|css|mjs)$/;
/** Paths the API owns: never answered with the dashboard. */
const API_PATHS = /^\/(?:api|metrics)(?:\/|$)/;

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
  app.useStaticAssets(directory, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
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
