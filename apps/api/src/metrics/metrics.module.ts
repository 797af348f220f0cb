import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { SpacesModule } from '../spaces/spaces.module';
import { MetricHistoryQueryService } from './metric-history-query.service';
import { MetricHistoryService } from './metric-history.service';
import { MetricRollupService } from './metric-rollup.service';
import { MetricsController } from './metrics.controller';
import { MetricsHubService } from './metrics-hub.service';

/** A Space's load: one shared upstream per watched Space, the last minutes of samples, and their per-minute and per-hour rollups. */
@Module({
  imports: [HfClientModule, SpacesModule],
  controllers: [MetricsController],
  providers: [MetricsHubService, MetricHistoryService, MetricHistoryQueryService, MetricRollupService],
  exports: [MetricsHubService, MetricHistoryService, MetricRollupService],
})
export class MetricsModule {}
