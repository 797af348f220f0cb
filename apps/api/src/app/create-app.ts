import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { configureApp } from './configure-app';

/**
 * Builds the configured application without listening; tests pass their environment
 * and a log destination. Open SSE connections must not keep `close()` waiting.
 */
export async function createApp(options: AppModuleOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    forceCloseConnections: true,
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  return app;
}
