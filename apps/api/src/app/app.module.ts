import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from '../api-key/api-key.guard';
import { ApiKeyModule } from '../api-key/api-key.module';
import { AuthModule } from '../auth/auth.module';
import { SessionGuard } from '../auth/guards/session.guard';
import { AppConfigModule } from '../config/app-config.module';
import { HubTargetModule } from '../hub-target/hub-target.module';

@Module({})
export class AppModule {
  /** `env` replaces the process environment (tests); validation throws before anything starts. */
  static forRoot(env?: Record<string, string | undefined>): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(env), HubTargetModule, ApiKeyModule, AuthModule],
      providers: [
        // Order matters: an API key is recognised first, then the session guard decides.
        { provide: APP_GUARD, useExisting: ApiKeyGuard },
        { provide: APP_GUARD, useExisting: SessionGuard },
      ],
    };
  }
}
