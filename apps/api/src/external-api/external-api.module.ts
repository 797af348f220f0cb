import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { SpacesModule } from '../spaces/spaces.module';
import { ExternalApiController } from './external-api.controller';
import { ExternalApiService } from './external-api.service';

@Module({
  imports: [HfClientModule, SpacesModule],
  controllers: [ExternalApiController],
  providers: [ExternalApiService],
})
export class ExternalApiModule {}
