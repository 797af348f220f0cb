import { Global, Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { NamedKeysService } from './named-keys.service';
import { OidcService } from './oidc.service';
import { ProxyAuthService } from './proxy-auth.service';
import { SessionEvents } from './session-events';
import { TotpService } from './totp.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users, named API keys, TOTP, the audit log, and the events of sessions ending: global, as every module that acts or carries Space data uses them. */
@Global()
@Module({
  controllers: [UsersController, ApiKeysController, AuditController],
  providers: [UsersService, NamedKeysService, TotpService, AuditService, SessionEvents, ProxyAuthService, OidcService],
  exports: [UsersService, NamedKeysService, TotpService, AuditService, SessionEvents, ProxyAuthService, OidcService],
})
export class PeopleModule {}
