import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

/**
 * Builds the configured application without listening. `env` replaces the process
 * environment (tests). Open SSE connections must not keep `close()` waiting.
 */
export async function createApp(env?: Record<string, string | undefined>): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    forceCloseConnections: true,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}
