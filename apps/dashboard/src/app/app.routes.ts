import type { Route } from '@angular/router';

export const appRoutes: Route[] = [
  { path: 'people', loadChildren: () => import('./features/people/people.routes').then((m) => m.peopleRoutes) },
  { path: 'automations', loadComponent: () => import('./features/automations/automations.page').then((m) => m.AutomationsPageComponent) },
  { path: '', loadChildren: () => import('./features/spaces/spaces.routes').then((m) => m.spacesRoutes) },
  { path: '**', redirectTo: '' },
];
