import { Module } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { HubTarget } from '../hub-target/hub-target';
import { HF_CLIENT_OPTIONS, createHfClientOptions, type HfClientOptions } from './hf-client.options';
import { HfClientService } from './hf-client.service';

/**
 * Provides HfClientService. AppConfigService and HubTarget are global providers of the
 * app module; HubTarget says where the Hub is (the configured endpoints, or the emulator in demo mode).
 */
@Module({
  providers: [
    {
      provide: HF_CLIENT_OPTIONS,
      inject: [AppConfigService, HubTarget],
      useFactory: (config: AppConfigService, target: HubTarget): HfClientOptions =>
        createHfClientOptions({
          hubEndpoint: target.hubEndpoint,
          spacesEndpoint: target.spacesEndpoint,
          timeoutMs: config.get('HUB_TIMEOUT'),
        }),
    },
    HfClientService,
  ],
  exports: [HfClientService],
})
export class HfClientModule {}
