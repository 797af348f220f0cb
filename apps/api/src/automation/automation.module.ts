import { DynamicModule, Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { HfClientService } from '../hf-client/hf-client.service';
import { HistoryModule } from '../history/history.module';
import { StatusWatchService } from '../history/status-watch.service';
import { TransitionRecorder } from '../history/transition-recorder.service';
import { InventoryService } from '../spaces/inventory.service';
import { SpacesModule } from '../spaces/spaces.module';
import { SpacesService } from '../spaces/spaces.service';
import { AutomationEngine, ENGINE_ACTIONS, ENGINE_INVENTORY, ENGINE_OPTIONS, type EngineActions, type EngineOptions } from './automation-engine.service';
import { AutomationsController } from './automations.controller';
import { AutomationsService } from './automations.service';

/** Automation rules, their engine and their routes; global, so that the Prometheus series can read the engine's runs. */
@Module({})
export class AutomationModule {
  /** `engine`: the tests' clock and tick; production takes the defaults. */
  static forRoot(engine: Partial<EngineOptions> = {}): DynamicModule {
    return {
      module: AutomationModule,
      global: true,
      imports: [HfClientModule, SpacesModule, HistoryModule],
      controllers: [AutomationsController],
      providers: [
        { provide: ENGINE_OPTIONS, useValue: engine },
        { provide: ENGINE_INVENTORY, useExisting: InventoryService },
        {
          provide: ENGINE_ACTIONS,
          inject: [SpacesService, HfClientService, StatusWatchService, TransitionRecorder],
          useFactory: (spaces: SpacesService, hf: HfClientService, watch: StatusWatchService, recorder: TransitionRecorder): EngineActions => ({
            answered: (spaceId, answering, rule) => recorder.observeAnswer(spaceId, answering, rule),
            actForRule: (spaceId, action, rule) => spaces.actForRule(spaceId, action, rule),
            watch: (spaceId) => watch.watch(spaceId, 'automation'),
            appTarget: (space) => spaces.appTarget(space),
            visitApp: (url, token, timeoutMs) => hf.visitApp(url, token, timeoutMs),
          }),
        },
        AutomationEngine,
        AutomationsService,
      ],
      exports: [AutomationEngine],
    };
  }
}
