import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_ROUTES } from '@hfd/contracts';
import { SECURITY_SCHEMES } from '../common/decorators/auth.decorator';

/**
 * Swagger UI at /api/docs and the OpenAPI JSON at /api/docs-json. The document is built when
 * first asked for, not at start-up: few ever ask, and every process would carry its making.
 */
export function setupOpenApi(app: INestApplication, version: string): void {
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('HF Spaces Dashboard API')
        .setDescription(
          'Watch and operate the Hugging Face Spaces of several accounts. Errors are `{ error, code }`. ' +
            'Sessions come from POST /api/v1/auth/login; scripts use the API key as a bearer token.',
        )
        .setVersion(version)
        .addBearerAuth(
          { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Session token from POST /api/v1/auth/login' },
          SECURITY_SCHEMES.session,
        )
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The API_KEY' }, SECURITY_SCHEMES.apiKey)
        .build(),
    );
  SwaggerModule.setup(API_ROUTES.docs.slice(1), app, document, {
    jsonDocumentUrl: API_ROUTES.docsJson.slice(1),
    customSiteTitle: 'HF Spaces Dashboard API',
  });
}
