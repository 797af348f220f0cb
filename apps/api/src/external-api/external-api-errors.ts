import { ERROR_CODES, type ErrorCode } from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import { mapHubError } from '../common/errors/hub-error.mapper';
import { HubError, HubNotFoundError, HubRateLimitedError } from '../hf-client/hf-client.errors';

/**
 * The original's statuses: 404 for a missing Space, 429 with Retry-After when the Hub
 * rate-limits, and 500 for any other failure, with the original's Chinese wording.
 * The code still says precisely what happened.
 */
export function toExternalError(error: unknown, failure: string): unknown {
  if (!(error instanceof HubError)) return error;
  const mapped = mapHubError(error) as ApiException;
  if (error instanceof HubNotFoundError) return new ApiException(404, ERROR_CODES.spaceNotFound, '实例未找到（Space not found）');
  if (error instanceof HubRateLimitedError) {
    return new ApiException(429, ERROR_CODES.hubRateLimited, '请求过于频繁，请稍后重试（The Hub rate limit is reached）', mapped.headers);
  }
  return new ApiException(500, mapped.code as ErrorCode, `${failure}（${(mapped.getResponse() as { error: string }).error}）`);
}
