import { Controller, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { STREAM_EVENT } from '@hfd/contracts';
import type { Observable } from 'rxjs';
import { Public } from '../common/decorators/auth-mode.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import type { Principal } from '../common/http/principal';
import { StreamQueryDto } from './dto/stream-query.dto';
import { StreamService } from './stream.service';

/**
 * Pending data allowed per client before it is dropped: a client too slow to keep up is
 * disconnected (its EventSource reconnects) rather than buffered without limit.
 */
export const MAX_PENDING_CHARACTERS = 1024 * 1024;

@ApiTags('stream')
@Controller('stream')
export class StreamController {
  constructor(private readonly stream: StreamService) {}

  @Public()
  @Sse('', { maxPendingDataLength: MAX_PENDING_CHARACTERS })
  @ApiOperation({
    summary: 'Server-Sent Events: inventory, status and metric events of the visible Spaces',
    description:
      `Events \`${Object.values(STREAM_EVENT).join('`, `')}\`: \`inventory\` (the visible Spaces, first and after each change), ` +
      '`status` (one stage change), `metric` (an array of the samples received together); a heartbeat comment every 15 s. ' +
      'Send the session token in the Authorization header to include private Spaces.',
  })
  @ApiBearerAuth('session')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream' })
  connect(@Query() query: StreamQueryDto, @CurrentPrincipal() principal: Principal | null): Observable<MessageEvent> {
    const only = query.spaces === undefined ? null : new Set(query.spaces.toLowerCase().split(','));
    return this.stream.connect(principal, only);
  }
}
