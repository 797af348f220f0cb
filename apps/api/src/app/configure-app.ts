import { VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter';
import { jsonOnly } from '../common/middleware/json-only.middleware';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { AppConfigService } from '../config/app-config.service';

/** Request bodies are small here (a login); anything larger is refused with 413. */
const BODY_LIMIT = '16kb';

/** Everything main.ts and the end-to-end tests apply alike, so tests run the real thing. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfigService);
  app.set('trust proxy', config.get('TRUST_PROXY'));
  app.disable('x-powered-by');
  app.use(jsonOnly);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  const origins = config.get('CORS_ORIGINS');
  if (origins.length > 0) app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type'] });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
}
