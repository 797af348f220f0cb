import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AppInfoModule } from '../app-info/app-info.module';
import { AuthModule } from '../auth/auth.module';
import { AppConfigModule } from '../config/app-config.module';
import { ExternalApiModule } from '../external-api/external-api.module';
import { HubTargetModule } from '../hub-target/hub-target.module';
import { MetricsModule } from '../metrics/metrics.module';
import { LoggingModule } from '../observability/logging/logging.module';
import { PrometheusModule } from '../observability/prometheus/prometheus.module';
import { SpacesModule } from '../spaces/spaces.module';
import { StreamModule } from '../stream/stream.module';

export interface AppModuleOptions {
  /** Replaces the process environment (tests). */
  env?: Record<string, string | undefined>;
  /** Where log lines go (tests read them); standard output by default. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  /** Validation of the environment throws here, before anything starts. */
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.env),
        HubTargetModule,
        LoggingModule.forRoot(options.logDestination),
        AuthModule,
        SpacesModule,
        MetricsModule,
        StreamModule,
        ExternalApiModule,
        AppInfoModule,
        PrometheusModule,
      ],
    };
  }
}
