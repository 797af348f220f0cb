import { Global, Module } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { HubTarget } from './hub-target';

@Global()
@Module({
  providers: [
    {
      provide: HubTarget,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService): HubTarget => ({
        hubEndpoint: config.get('HF_ENDPOINT'),
        spacesEndpoint: config.get('HF_SPACES_ENDPOINT'),
        accounts: config.get('HF_USER') ?? [],
        demo: false,
      }),
    },
  ],
  exports: [HubTarget],
})
export class HubTargetModule {}
