import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from '../config/app-config.module';

@Module({})
export class AppModule {
  /** `env` replaces the process environment (tests); validation throws before anything starts. */
  static forRoot(env?: Record<string, string | undefined>): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(env)],
    };
  }
}
