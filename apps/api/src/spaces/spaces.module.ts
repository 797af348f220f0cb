import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HfClientModule } from '../hf-client/hf-client.module';
import { AccountAccessService } from './account-access.service';
import { DirectListRoute } from './direct-list-route';
import { ActionFollowerService } from './action-follower.service';
import { InventoryViews } from './inventory-views';
import { InventoryService } from './inventory.service';
import { ListBodies } from './list-bodies';
import { SpacesController } from './spaces.controller';
import { SpacesService } from './spaces.service';

@Module({
  imports: [HfClientModule, AuthModule],
  controllers: [SpacesController],
  providers: [InventoryService, InventoryViews, ListBodies, AccountAccessService, ActionFollowerService, SpacesService, DirectListRoute],
  exports: [InventoryService, InventoryViews, AccountAccessService, ActionFollowerService, SpacesService],
})
export class SpacesModule {}
