import { Global, Module } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { EmulatedHubTarget } from './emulated-hub-target';
import { HubTarget } from './hub-target';

@Global()
@Module({
  providers: [
    {
      provide: HubTarget,
      inject: [AppConfigService],
      useFactory: async (config: AppConfigService): Promise<HubTarget> =>
        config.demo
          ? EmulatedHubTarget.start()
          : {
              hubEndpoint: config.get('HF_ENDPOINT'),
              spacesEndpoint: config.get('HF_SPACES_ENDPOINT'),
              accounts: config.get('HF_USER') ?? [],
              demo: false,
            },
    },
  ],
  exports: [HubTarget],
})
export class HubTargetModule {}
