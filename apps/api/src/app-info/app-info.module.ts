import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { SpacesModule } from '../spaces/spaces.module';
import { AppInfoController } from './app-info.controller';
import { AppInfoService } from './app-info.service';
import { HubHealthService } from './hub-health.service';

@Module({
  imports: [HfClientModule, SpacesModule],
  controllers: [AppInfoController],
  providers: [AppInfoService, HubHealthService],
  exports: [HubHealthService],
})
export class AppInfoModule {}
