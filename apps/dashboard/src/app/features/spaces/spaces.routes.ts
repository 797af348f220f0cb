import type { Routes } from '@angular/router';
import { SpacePageComponent } from './space-page/space-page.component';
import { SpacesPageComponent } from './spaces-page/spaces-page.component';
import { SpacesStore } from './data-access/spaces.store';

export const spacesRoutes: Routes = [
  {
    path: '',
    component: SpacesPageComponent,
    // One store per visit of the page: it opens the stream, and closes it when the page goes.
    providers: [SpacesStore],
  },
  {
    // One Space: its history, uptime and incidents, with its live card as the header.
    path: 'spaces/:owner/:name',
    component: SpacePageComponent,
    providers: [SpacesStore],
  },
];
