import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SpacesModule } from '../spaces/spaces.module';
import { StreamAdmission } from './stream-admission';
import { StreamController } from './stream.controller';
import { StreamService } from './stream.service';

/** The viewers' event stream, `GET /api/v1/stream`: inventory, stage changes and load, per viewer. */
@Module({
  imports: [SpacesModule, MetricsModule, HistoryModule],
  controllers: [StreamController],
  providers: [StreamService, StreamAdmission],
  exports: [StreamService, StreamAdmission],
})
export class StreamModule {}
