import type { Routes } from '@angular/router';
import { SpacesPageComponent } from './spaces-page/spaces-page.component';
import { SpacesStore } from './data-access/spaces.store';

export const spacesRoutes: Routes = [
  {
    path: '',
    component: SpacesPageComponent,
    // One store per visit of the page: it opens the stream, and closes it when the page goes.
    providers: [SpacesStore],
  },
];
