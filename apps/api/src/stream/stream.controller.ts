import { Controller, Query, Req, Sse, SseSignal, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { STREAM_EVENT } from '@hfd/contracts';
import type { Request } from 'express';
import { EMPTY, type Observable } from 'rxjs';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { claimConnectionForStream } from '../common/http/pipelining';
import { StreamQueryDto } from './dto/stream-query.dto';
import { writeFramesUnderSse } from './sse-frame-writer';
import { StreamAdmission } from './stream-admission';
import { StreamService } from './stream.service';

/** `StreamController.connect` as Express routes it: the global prefix, the version, the controller's path. */
export const STREAM_PATH = '/api/v1/stream';

@ApiTags('stream')
@Controller('stream')
export class StreamController {
  constructor(
    private readonly stream: StreamService,
    private readonly admission: StreamAdmission,
  ) {}

  @Auth('anyone')
  @Sse()
  @ApiOperation({
    summary: 'Server-Sent Events: inventory, status and metric events of the visible Spaces',
    description:
      `Events \`${Object.values(STREAM_EVENT).join('`, `')}\`: \`inventory\` (the visible Spaces, first and after each change), ` +
      '`status` (one stage change), `metric` (an array of the samples received since the last one); a heartbeat comment every 15 s. ' +
      'Send the session token or the API key in the Authorization header to include private Spaces. ' +
      'A client address may hold STREAM_LIMIT_PER_CLIENT streams and the server STREAM_LIMIT; a connection that carries a stream carries nothing else.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'TOO_MANY_STREAMS, with Retry-After' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'STREAM_CAPACITY_REACHED, with Retry-After' })
  connect(
    @Query() query: StreamQueryDto,
    @CurrentPrincipal() principal: Principal | null,
    @Req() request: Request,
    @SseSignal() ended: AbortSignal,
  ): Observable<MessageEvent> {
    if (!request.res || !claimConnectionForStream(request, request.res)) return EMPTY;
    const release = this.admission.admit(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    // The signal ends with the response, whichever way: completion, error, or a client that left (even before this ran).
    ended.addEventListener('abort', release, { once: true });
    const only = query.spaces === undefined ? null : new Set(query.spaces.toLowerCase().split(','));
    return writeFramesUnderSse(this.stream.connect(principal, only, query.watch === 'true'), request.res);
  }
}
