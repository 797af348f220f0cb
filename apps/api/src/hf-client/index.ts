export { HfClientModule } from './hf-client.module';
export { HfClientService, LIST_EXPAND } from './hf-client.service';
export type { HubCallOptions, HubStreamOptions, MalformedHubEvent } from './hf-client.service';
export type { HubRequestEvent } from './hub-request';
export {
  HubBadRequestError,
  HubError,
  HubForbiddenError,
  HubNotFoundError,
  HubRateLimitedError,
  HubUnauthorizedError,
  HubUnavailableError,
} from './hf-client.errors';
export type { HubErrorDetails, HubUnavailableReason } from './hf-client.errors';
export { HF_CLIENT_OPTIONS, createHfClientOptions } from './hf-client.options';
export type { HfClientOptions, HfClientOptionsInput } from './hf-client.options';
export type * from './hf-api.types';
