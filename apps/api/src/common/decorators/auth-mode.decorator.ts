import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route. Routes without a mode need a session (login JWT): the global
 * guard is closed by default and each opening is explicit.
 * - `public`: anyone; a valid session, when sent, is read (it widens what is visible).
 * - `apiKey`: the API key only (the original's external API).
 * - `sessionOrApiKey`: a session or the API key (actions under /api/v1/spaces).
 */
export type AuthMode = 'session' | 'public' | 'apiKey' | 'sessionOrApiKey';

export const AUTH_MODE_KEY = 'authMode';

export const Public = () => SetMetadata(AUTH_MODE_KEY, 'public' satisfies AuthMode);
export const ApiKeyOnly = () => SetMetadata(AUTH_MODE_KEY, 'apiKey' satisfies AuthMode);
export const SessionOrApiKey = () => SetMetadata(AUTH_MODE_KEY, 'sessionOrApiKey' satisfies AuthMode);
