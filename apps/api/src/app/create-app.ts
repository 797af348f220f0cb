import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openPersistence } from '@hfd/persistence';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { validateEnv } from '../config/env.schema';
import { readEnvironment } from '../config/read-environment';
import { persistenceOptions } from '../persistence/persistence-options';
import type { EngineOptions } from '../automation/automation-engine.service';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

export interface CreateAppOptions {
  /** Replaces the process environment (tests). */
  env?: Record<string, string | undefined>;
  /** Where log lines go (tests read them); standard output by default. */
  logDestination?: DestinationStream;
  /** The automation engine's clock and tick (tests). */
  automation?: Partial<EngineOptions>;
  /** The clock of the history (tests: the emulator's); the system clock by default. */
  historyNow?: () => number;
}

/**
 * Builds the configured application without listening; tests pass their environment
 * and a log destination. The configuration is validated and the database opened first, so
 * that either failing stops the start with one line (ConfigValidationError,
 * PersistenceStartError) before Nest builds anything. Open SSE connections must not keep
 * `close()` waiting.
 */
export async function createApp(
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const env = validateEnv(options.env ?? readEnvironment());
  const persistence = await openPersistence(persistenceOptions(env));
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({
        env,
        persistence,
        logDestination: options.logDestination,
        historyNow: options.historyNow,
        automation: options.automation,
      }),
      {
        forceCloseConnections: true,
        bodyParser: false,
        bufferLogs: true,
      },
    );
    app.useLogger(app.get(Logger));
    configureApp(app);
    return app;
  } catch (error) {
    await persistence.close();
    throw error;
  }
}
