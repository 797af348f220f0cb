import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { SpacesModule } from '../spaces/spaces.module';
import { MetricHistoryQueryService } from './metric-history-query.service';
import { MetricHistoryService } from './metric-history.service';
import { MetricsController } from './metrics.controller';
import { MetricsHubService } from './metrics-hub.service';

/** A Space's load: one shared upstream per watched Space, and the last minutes of samples. */
@Module({
  imports: [HfClientModule, SpacesModule],
  controllers: [MetricsController],
  providers: [MetricsHubService, MetricHistoryService, MetricHistoryQueryService],
  exports: [MetricsHubService, MetricHistoryService],
})
export class MetricsModule {}
