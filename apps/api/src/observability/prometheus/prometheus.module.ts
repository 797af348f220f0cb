import { Module } from '@nestjs/common';
import { HfClientModule } from '../../hf-client/hf-client.module';
import { HistoryModule } from '../../history/history.module';
import { MetricsModule } from '../../metrics/metrics.module';
import { SpacesModule } from '../../spaces/spaces.module';
import { StreamModule } from '../../stream/stream.module';
import { AutomationSeries } from './automation-series';
import { HubRequestSeries } from './hub-request-series';
import { PrometheusController } from './prometheus.controller';
import { PrometheusExposition } from './prometheus-exposition';
import { PrometheusRegistry } from './prometheus-registry';
import { SpaceSeriesCollector } from './space-series.collector';
import { StreamSeries } from './stream-series';

/** `GET /metrics`: Prometheus series of the process, the Hub traffic, the stream, automation and each Space. */
@Module({
  imports: [HfClientModule, SpacesModule, MetricsModule, StreamModule, HistoryModule],
  controllers: [PrometheusController],
  providers: [PrometheusRegistry, HubRequestSeries, AutomationSeries, StreamSeries, SpaceSeriesCollector, PrometheusExposition],
})
export class PrometheusModule {}
