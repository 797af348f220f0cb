import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import { validateEnv } from './env.schema';
import { readEnvironment } from './read-environment';

@Global()
@Module({})
export class AppConfigModule {
  /**
   * Validates the environment synchronously, while the module tree is built, so a bad
   * value throws a ConfigValidationError before Nest starts anything. Tests pass `env`
   * instead of touching the process environment.
   */
  static forRoot(env?: Record<string, string | undefined>): DynamicModule {
    const validated = validateEnv(env ?? readEnvironment());
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, ignoreEnvVars: true, load: [() => validated], cache: true })],
      providers: [AppConfigService],
      exports: [AppConfigService],
    };
  }
}
