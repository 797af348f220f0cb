import { DynamicModule, Module } from '@nestjs/common';
import type { Persistence } from '@hfd/persistence';
import type { DestinationStream } from 'pino';
import { AppInfoModule } from '../app-info/app-info.module';
import { AuthModule } from '../auth/auth.module';
import { AutomationModule } from '../automation/automation.module';
import type { EngineOptions } from '../automation/automation-engine.service';
import { AppConfigModule } from '../config/app-config.module';
import type { Env } from '../config/env.schema';
import { ExternalApiModule } from '../external-api/external-api.module';
import { HistoryClockModule } from '../history/history-clock';
import { HistoryModule } from '../history/history.module';
import { HubTargetModule } from '../hub-target/hub-target.module';
import { MetricsModule } from '../metrics/metrics.module';
import { LoggingModule } from '../observability/logging/logging.module';
import { PrometheusModule } from '../observability/prometheus/prometheus.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { SpacesModule } from '../spaces/spaces.module';
import { StreamModule } from '../stream/stream.module';

export interface AppModuleOptions {
  /** The validated configuration. */
  env: Env;
  /** The database, open and migrated. */
  persistence: Persistence;
  /** Where log lines go (tests read them); standard output by default. */
  logDestination?: DestinationStream;
  /** The automation engine's clock and tick (tests); the defaults otherwise. */
  automation?: Partial<EngineOptions>;
  /** The clock of the history (tests: the emulator's); the system clock by default. */
  historyNow?: () => number;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forValidated(options.env),
        PersistenceModule.forRoot(options.persistence),
        HistoryClockModule.forRoot(options.historyNow),
        HubTargetModule,
        LoggingModule.forRoot(options.logDestination),
        AuthModule,
        SpacesModule,
        MetricsModule,
        HistoryModule,
        StreamModule,
        ExternalApiModule,
        AppInfoModule,
        AutomationModule.forRoot(options.automation),
        PrometheusModule,
      ],
    };
  }
}
