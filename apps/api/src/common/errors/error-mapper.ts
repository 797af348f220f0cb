import type { ApiException } from './api.exception';

/** Turns an error of some layer (the Hub client, say) into an API error, or passes. */
export type ErrorMapper = (error: unknown) => ApiException | null;
