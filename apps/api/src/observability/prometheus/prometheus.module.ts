import { Module } from '@nestjs/common';
import { HfClientModule } from '../../hf-client/hf-client.module';
import { MetricsModule } from '../../metrics/metrics.module';
import { SpacesModule } from '../../spaces/spaces.module';
import { HubRequestMetricsService } from './hub-request-metrics.service';
import { PrometheusController } from './prometheus.controller';
import { SpaceMetricsCollector } from './space-metrics.collector';

@Module({
  imports: [HfClientModule, SpacesModule, MetricsModule],
  controllers: [PrometheusController],
  providers: [HubRequestMetricsService, SpaceMetricsCollector],
})
export class PrometheusModule {}
