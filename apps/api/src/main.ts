import { NestFactory } from '@nestjs/core';
import type { DynamicModule } from '@nestjs/common';
import { AppModule } from './app/app.module';
import { AppConfigService } from './config/app-config.service';
import { ConfigValidationError } from './config/env.schema';

function buildAppModule(): DynamicModule {
  try {
    return AppModule.forRoot();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      // One line, then stop: the operator fixes the variable it names.
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(buildAppModule(), { forceCloseConnections: true });
  app.enableShutdownHooks();
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
}

void bootstrap();
