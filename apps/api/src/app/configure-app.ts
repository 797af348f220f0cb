import { VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { join } from 'node:path';
import { mapHubError } from '../common/errors/hub-error.mapper';
import { guardPipelining } from '../common/http/pipelining';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter';
import { jsonDepthLimit } from '../common/middleware/json-depth.middleware';
import { jsonOnly } from '../common/middleware/json-only.middleware';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { AppConfigService } from '../config/app-config.service';
import { expressSpellings } from '../common/http/express-path';
import { SELF_ENCODED_PATH } from '../spaces/list-response';
import { STREAM_PATH } from '../stream/stream.controller';
import { setupOpenApi } from './openapi';
import { securityHeaders } from '../common/http/security-headers';
import { serveDashboard } from './serve-dashboard';
import { APP_VERSION } from './version';

/** Request bodies are small here (a login); anything larger is refused with 413. */
const BODY_LIMIT = '16kb';

/**
 * Routes the compression middleware leaves alone. The list is kept compressed once per
 * version (spaces/list-body.ts): compressing it again per request is what it avoids. The
 * event stream must reach the client event by event, never held back to be compressed, and
 * its frames are written straight to the response (stream/sse-frame-writer.ts): even
 * declining, the middleware's wrapper of every write cost some 2 % of the fan-out.
 */
const UNCOMPRESSED = [SELF_ENCODED_PATH, expressSpellings(STREAM_PATH)];

/** Everything main.ts and the end-to-end tests apply alike, so tests run the real thing. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfigService);
  app.set('trust proxy', config.get('TRUST_PROXY'));
  app.disable('x-powered-by');
  // In front of everything: a pipelined request is not worked on before its turn.
  guardPipelining(app.getHttpServer());
  app.use(securityHeaders());
  const compress = compression();
  app.use((request: Request, response: Response, next: NextFunction) =>
    UNCOMPRESSED.some((path) => path.test(request.path)) ? next() : compress(request, response, next),
  );
  app.use(jsonOnly);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(jsonDepthLimit);
  const origins = config.get('CORS_ORIGINS');
  if (origins.length > 0) app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type'] });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter([mapHubError]));
  setupOpenApi(app, APP_VERSION);
  serveDashboard(app, config.get('DASHBOARD_DIR') ?? join(__dirname, '..', 'dashboard', 'browser'));
}
