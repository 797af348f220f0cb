import { Injectable } from '@nestjs/common';
import type { AppConfigResponse, HealthResponse } from '@hfd/contracts';
import { Persistence } from '@hfd/persistence';
import { APP_VERSION } from '../app/version';
import { AppConfigService } from '../config/app-config.service';
import { HubTarget } from '../hub-target/hub-target';
import { AccountAccessService } from '../spaces/account-access.service';
import { HubHealthService } from './hub-health.service';

@Injectable()
export class AppInfoService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly settings: AppConfigService,
    private readonly hub: HubTarget,
    private readonly access: AccountAccessService,
    private readonly hubHealth: HubHealthService,
    private readonly persistence: Persistence,
  ) {}

  config(): AppConfigResponse {
    return {
      accounts: this.access.all(),
      showPrivate: this.settings.get('SHOW_PRIVATE'),
      demo: this.hub.demo,
      version: APP_VERSION,
      refreshIntervalSeconds: Math.round(this.settings.get('REFRESH_INTERVAL') / 1000),
      singleSignOn: this.settings.get('OIDC_ISSUER') !== undefined,
      storage: {
        kind: this.persistence.kind,
        // SPACE_ID is set by Hugging Face in a Space, whose disk is wiped when it restarts.
        ephemeral: this.persistence.kind === 'sqlite' && this.settings.get('SPACE_ID') !== undefined,
      },
    };
  }

  health(): HealthResponse {
    const hub = this.hubHealth.state;
    const { kind, reachable, error, queuedWrites } = this.persistence.health();
    return {
      status: hub.reachable && reachable ? 'ok' : 'degraded',
      hub,
      database: { kind, reachable, error, queuedWrites },
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      version: APP_VERSION,
    };
  }
}
