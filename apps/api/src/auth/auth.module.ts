import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { StoredSecrets } from '@hfd/persistence';
import { PassportModule } from '@nestjs/passport';
import { AppConfigService } from '../config/app-config.service';
import { AuthController } from './auth.controller';
import { AuthSecrets } from './auth-secrets';
import { AuthService } from './auth.service';
import { SessionGuard } from './guards/session.guard';
import { LoginThrottleService } from './login-throttle.service';
import { RevokedSessionsStore } from './revoked-sessions.store';
import { JwtStrategy } from './strategies/jwt.strategy';

@Module({
  // The secret is passed per call from AuthSecrets, which may be generated and stored at the first start.
  imports: [PassportModule, JwtModule.register({})],
  controllers: [AuthController],
  providers: [
    { provide: AuthSecrets, inject: [AppConfigService, StoredSecrets], useFactory: (config: AppConfigService, stored: StoredSecrets) => AuthSecrets.load(config, stored) },
    AuthService,
    JwtStrategy,
    LoginThrottleService,
    RevokedSessionsStore,
    SessionGuard,
  ],
  exports: [SessionGuard],
})
export class AuthModule {}
