import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UptimeWindow } from '@hfd/contracts';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { SpaceParamsDto } from '../spaces/dto/space-params.dto';
import { TimeRangeQueryDto, UptimeQueryDto } from './dto/history-query.dto';
import { HistoryResponseDto, IncidentsResponseDto, SpaceUptimeResponseDto, UptimeResponseDto } from './dto/history.response.dto';
import { HistoryService } from './history.service';

const windowsOf = (query: UptimeQueryDto): UptimeWindow[] | undefined => (query.windows === undefined ? undefined : ([...new Set(query.windows.split(','))] as UptimeWindow[]));

@ApiTags('history')
@Controller()
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Auth('anyone')
  @Get('spaces/:owner/:name/history')
  @ApiOperation({ summary: "A Space's stage transitions (default: the last 24 hours), newest first, with source and actor" })
  @ApiOkResponse({ type: HistoryResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID, INVALID_TIME_RANGE' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  transitions(@Param() params: SpaceParamsDto, @Query() query: TimeRangeQueryDto, @CurrentPrincipal() principal: Principal | null): Promise<HistoryResponseDto> {
    return this.history.history(params.owner, params.name, query, principal);
  }

  @Auth('anyone')
  @Get('spaces/:owner/:name/uptime')
  @ApiOperation({ summary: "A Space's uptime per window (default all four) and its 24-hour status bar; unknown time is left out and reported" })
  @ApiOkResponse({ type: SpaceUptimeResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID, INVALID_WINDOW' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  spaceUptime(@Param() params: SpaceParamsDto, @Query() query: UptimeQueryDto, @CurrentPrincipal() principal: Principal | null): Promise<SpaceUptimeResponseDto> {
    return this.history.spaceUptime(params.owner, params.name, windowsOf(query), principal);
  }

  @Auth('anyone')
  @Get('spaces/:owner/:name/incidents')
  @ApiOperation({ summary: "A Space's incidents (default: the last 30 days), open first" })
  @ApiOkResponse({ type: IncidentsResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_SPACE_ID, INVALID_TIME_RANGE' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  spaceIncidents(@Param() params: SpaceParamsDto, @Query() query: TimeRangeQueryDto, @CurrentPrincipal() principal: Principal | null): Promise<IncidentsResponseDto> {
    return this.history.incidents(query, principal, params);
  }

  @Auth('anyone')
  @Get('uptime')
  @ApiOperation({ summary: 'Uptime of every visible Space (default: 24h), per account and for the fleet; `bar=true` adds each 24-hour status bar, `bar=strip` only the states of its slots' })
  @ApiOkResponse({ type: UptimeResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_WINDOW' })
  uptime(@Query() query: UptimeQueryDto, @CurrentPrincipal() principal: Principal | null): Promise<UptimeResponseDto> {
    return this.history.uptime(windowsOf(query), query.bar ?? 'false', principal);
  }

  @Auth('anyone')
  @Get('incidents')
  @ApiOperation({ summary: 'Incidents of every visible Space (default: the last 30 days): error, stuck or down when it should be up; open first' })
  @ApiOkResponse({ type: IncidentsResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_TIME_RANGE' })
  incidents(@Query() query: TimeRangeQueryDto, @CurrentPrincipal() principal: Principal | null): Promise<IncidentsResponseDto> {
    return this.history.incidents(query, principal);
  }
}
