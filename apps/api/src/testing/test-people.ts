import { HttpAdapterHost } from '@nestjs/core';
import type { Persistence } from '@hfd/persistence';
import type { AppConfigService } from '../config/app-config.service';
import { AuditService } from '../people/audit.service';
import { NamedKeysService } from '../people/named-keys.service';
import { ProxyAuthService } from '../people/proxy-auth.service';
import { SessionEvents } from '../people/session-events';
import { TotpService } from '../people/totp.service';
import { UsersService } from '../people/users.service';

export interface TestPeople {
  proxy: ProxyAuthService;
  users: UsersService;
  keys: NamedKeysService;
  totp: TotpService;
  audit: AuditService;
  events: SessionEvents;
}

/** The people services of unit tests, on a real (in-memory) database, loaded as at start. */
export async function testPeople(config: AppConfigService, persistence: Persistence): Promise<TestPeople> {
  const events = new SessionEvents();
  const audit = new AuditService(persistence.audit);
  const users = new UsersService(config, persistence.users, persistence.sessions, events, audit);
  await users.onModuleInit();
  const keys = new NamedKeysService(persistence.apiKeys, users, audit, events);
  await keys.onModuleInit();
  return {
    users,
    keys,
    totp: new TotpService(users, persistence.secrets),
    audit,
    events,
    // No HTTP adapter: no address is a trusted proxy (the proxy's own tests run the whole application).
    proxy: new ProxyAuthService(config, users, audit, new HttpAdapterHost()),
  };
}
