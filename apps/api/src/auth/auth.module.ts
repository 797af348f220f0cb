import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { StoredSecrets } from '@hfd/persistence';
import { ApiKeyModule } from '../api-key/api-key.module';
import { PeopleModule } from '../people/people.module';
import { AppConfigService } from '../config/app-config.service';
import { AuthController } from './auth.controller';
import { OidcController } from './oidc.controller';
import { AuthGuard } from './auth.guard';
import { AuthSecrets } from './auth-secrets';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { JwtStrategy } from './jwt.strategy';
import { PrincipalResolver } from './principal-resolver';
import { RevokedSessionsStore } from './revoked-sessions.store';

/** Login, sessions, and the global AuthGuard that applies every route's `@Auth` rule; people with it, so every application has them. */
@Module({
  // The secret is passed per call from AuthSecrets, which may be generated and stored at the first start.
  imports: [ApiKeyModule, PeopleModule, JwtModule.register({})],
  controllers: [AuthController, OidcController],
  providers: [
    { provide: AuthSecrets, inject: [AppConfigService, StoredSecrets], useFactory: (config: AppConfigService, stored: StoredSecrets) => AuthSecrets.load(config, stored) },
    AuthService,
    LoginThrottleService,
    RevokedSessionsStore,
    JwtStrategy,
    PrincipalResolver,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  // AuthGuard for the direct list route (spaces/direct-list-route.ts), which answers ahead of Nest's guards.
  exports: [PeopleModule, AuthGuard],
})
export class AuthModule {}
