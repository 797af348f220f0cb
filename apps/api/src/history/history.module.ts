import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { SpacesModule } from '../spaces/spaces.module';
import { HistoryAccess } from './history-access';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';
import { IncidentAnnouncer } from './incident-announcer.service';
import { StatusWatchService } from './status-watch.service';
import { TransitionRecorder } from './transition-recorder.service';

/** What happened to each Space over time: stage transitions, uptime, incidents, and who watches the status streams. */
@Module({
  imports: [HfClientModule, SpacesModule],
  controllers: [HistoryController],
  providers: [HistoryAccess, HistoryService, TransitionRecorder, StatusWatchService, IncidentAnnouncer],
  exports: [HistoryAccess, HistoryService, TransitionRecorder, StatusWatchService, IncidentAnnouncer],
})
export class HistoryModule {}
