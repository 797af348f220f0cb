import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import { validateEnv, type Env } from './env.schema';
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
    return AppConfigModule.forValidated(validateEnv(env ?? readEnvironment()));
  }

  /** For a caller that validated the environment already (it needed it before the module tree). */
  static forValidated(validated: Env): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, ignoreEnvVars: true, load: [() => validated], cache: true })],
      providers: [AppConfigService],
      exports: [AppConfigService],
    };
  }
}
