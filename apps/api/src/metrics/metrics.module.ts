import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { SpacesModule } from '../spaces/spaces.module';
import { MetricHistoryQueryService } from './metric-history-query.service';
import { MetricHistoryService } from './metric-history.service';
import { MetricsController } from './metrics.controller';
import { MetricsHubService } from './metrics-hub.service';
import { StreamController } from './stream.controller';
import { StreamService } from './stream.service';

@Module({
  imports: [HfClientModule, SpacesModule],
  controllers: [StreamController, MetricsController],
  providers: [MetricsHubService, MetricHistoryService, MetricHistoryQueryService, StreamService],
  exports: [MetricsHubService, MetricHistoryService, StreamService],
})
export class MetricsModule {}
