import { Module } from '@nestjs/common';
import { HfClientModule } from '../hf-client/hf-client.module';
import { AccountAccessService } from './account-access.service';
import { ActionFollowerService } from './action-follower.service';
import { InventoryViews } from './inventory-views';
import { InventoryService } from './inventory.service';
import { ListBodies } from './list-bodies';
import { SpacesController } from './spaces.controller';
import { SpacesService } from './spaces.service';

@Module({
  imports: [HfClientModule],
  controllers: [SpacesController],
  providers: [InventoryService, InventoryViews, ListBodies, AccountAccessService, ActionFollowerService, SpacesService],
  exports: [InventoryService, InventoryViews, AccountAccessService, ActionFollowerService, SpacesService],
})
export class SpacesModule {}
