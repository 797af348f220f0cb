import type { Route } from '@angular/router';

export const appRoutes: Route[] = [
  { path: '', loadChildren: () => import('./features/spaces/spaces.routes').then((m) => m.spacesRoutes) },
  { path: '**', redirectTo: '' },
];
