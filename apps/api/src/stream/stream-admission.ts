import { Injectable } from '@nestjs/common';
import { ERROR_CODES } from '@hfd/contracts';
import { Subject, type Observable } from 'rxjs';
import { ApiException } from '../common/errors/api.exception';
import { AppConfigService } from '../config/app-config.service';

/** Which cap refused a stream. */
export type StreamRefusal = 'client_limit' | 'server_limit';

/** When a refused client may try again: streams end when viewers leave, which takes a while. */
export const STREAM_RETRY_AFTER_SECONDS = 15;

const NOTHING_HELD = (): void => undefined;

/**
 * How many event streams are open, per client address and in all, and the caps on both
 * (STREAM_LIMIT_PER_CLIENT, STREAM_LIMIT; 0 is no cap): each stream costs memory for as long
 * as it lasts, so one client must not be able to open thousands.
 */
@Injectable()
export class StreamAdmission {
  private readonly perClientLimit: number;
  private readonly limit: number;
  private readonly byClient = new Map<string, number>();
  private total = 0;
  private readonly refused = new Subject<StreamRefusal>();
  /** Each stream refused, and why (for /metrics). */
  readonly refusals$: Observable<StreamRefusal> = this.refused.asObservable();

  constructor(config: AppConfigService) {
    this.perClientLimit = config.get('STREAM_LIMIT_PER_CLIENT');
    this.limit = config.get('STREAM_LIMIT');
  }

  /**
   * Counts one more stream of `client`, or refuses it: 429 when this client holds as many as
   * it may, 503 when the server does. Answers the function that gives the place back (once,
   * however often it is called).
   */
  admit(client: string): () => void {
    if (this.perClientLimit === 0 && this.limit === 0) return NOTHING_HELD;
    const held = this.byClient.get(client) ?? 0;
    if (this.perClientLimit > 0 && held >= this.perClientLimit) {
      this.refused.next('client_limit');
      throw new ApiException(429, ERROR_CODES.tooManyStreams, `This address has ${held} event streams open, as many as it may`, {
        'Retry-After': String(STREAM_RETRY_AFTER_SECONDS),
      });
    }
    if (this.limit > 0 && this.total >= this.limit) {
      this.refused.next('server_limit');
      throw new ApiException(503, ERROR_CODES.streamCapacityReached, 'The server has as many event streams open as it may', {
        'Retry-After': String(STREAM_RETRY_AFTER_SECONDS),
      });
    }
    this.byClient.set(client, held + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }
}
