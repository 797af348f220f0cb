import type { ModuleMetadata, Provider } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp } from '../app/configure-app';
import { AuthModule } from '../auth/auth.module';
import { AppConfigModule } from '../config/app-config.module';
import { HistoryClockModule } from '../history/history-clock';
import { PersistenceModule } from '../persistence/persistence.module';
import { openTestPersistence } from './test-persistence';

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  imports?: ModuleMetadata['imports'];
  controllers?: ModuleMetadata['controllers'];
  providers?: Provider[];
  /** Replace providers, e.g. a feature service by a test double. */
  overrides?: { provide: unknown; useValue: unknown }[];
}

/**
 * A Nest application with the real configuration, AuthGuard, pipes and error filter, a real
 * database in memory (closed with the application), and only the feature modules a controller
 * spec needs. Not listening: use supertest.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<NestExpressApplication> {
  const persistence = await openTestPersistence();
  let builder = Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot({ USER_PASSWORD: 'correct horse', ...options.env }),
      PersistenceModule.forRoot(persistence),
      HistoryClockModule.forRoot(),
      AuthModule,
      ...(options.imports ?? []),
    ],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  });
  for (const override of options.overrides ?? []) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return app;
}
