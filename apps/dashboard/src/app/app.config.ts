import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { handleOidcReturn } from './core/auth/oidc-return';
import { SessionStore } from './core/auth/session.store';
import { ConfigStore } from './core/config/config.store';
import { provideI18n } from './core/i18n/i18n.providers';
import { provideAppIcons } from './core/icons/app-icons';
import { ThemeService } from './core/theme/theme.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideI18n(),
    provideAppIcons(),
    provideAppInitializer(() => {
      inject(ThemeService);
      inject(ConfigStore).load();
      inject(SessionStore).verify();
      handleOidcReturn();
    }),
  ],
};
