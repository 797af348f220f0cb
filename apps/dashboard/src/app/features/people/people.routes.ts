import type { Route } from '@angular/router';

/** Each page says "not allowed" itself to a role below its own (see NotAllowedComponent), rather than vanish. */
export const peopleRoutes: Route[] = [
  { path: 'users', loadComponent: () => import('./users.page').then((m) => m.UsersPageComponent) },
  { path: 'api-keys', loadComponent: () => import('./api-keys.page').then((m) => m.ApiKeysPageComponent) },
  { path: 'sessions', loadComponent: () => import('./sessions.page').then((m) => m.SessionsPageComponent) },
  { path: 'audit', loadComponent: () => import('./audit.page').then((m) => m.AuditPageComponent) },
];
