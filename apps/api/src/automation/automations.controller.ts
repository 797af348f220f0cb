import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { Audited, type AuditContext } from '../people/audit-context';
import { AutomationsService } from './automations.service';
import {
  AutomationDto,
  AutomationIdParamsDto,
  AutomationListDto,
  AutomationRunListDto,
  AutomationRunResponseDto,
  AutomationsQueryDto,
  CreateAutomationDto,
  RunQueryDto,
  RunsQueryDto,
  UpdateAutomationDto,
} from './dto/automation.dto';

const BAD_RULE = 'INVALID_AUTOMATION, INVALID_CRON, INVALID_TIMEZONE, INTERVAL_TOO_SHORT, TARGET_MATCHES_NOTHING, TOKEN_CANNOT_WRITE, VALIDATION_FAILED: nothing is stored';

/** Keep-alive, schedules, recovery ladders, probes and maintenance windows: viewers read, admins change and run. */
@ApiTags('automations')
@Controller('automations')
export class AutomationsController {
  constructor(private readonly automations: AutomationsService) {}

  @Auth('sessionOrApiKey', 'viewer')
  @Get()
  @ApiOperation({ summary: 'The rules within the caller’s account scope, with each Space’s next and last run; `?space=owner/name` narrows them to one Space’s' })
  @ApiOkResponse({ type: AutomationListDto })
  async list(@Query() query: AutomationsQueryDto, @CurrentPrincipal() principal: Principal): Promise<AutomationListDto> {
    return { automations: await this.automations.list(principal, query.space) };
  }

  @Auth('sessionOrApiKey', 'admin')
  @Post()
  @ApiOperation({ summary: 'A new rule; its settings sit beside the common fields, by kind' })
  @ApiCreatedResponse({ type: AutomationDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: BAD_RULE })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'ACCOUNT_OUT_OF_SCOPE' })
  create(@Body() body: CreateAutomationDto, @CurrentPrincipal() principal: Principal, @Audited() context: AuditContext): Promise<AutomationDto> {
    return this.automations.create(body, principal, context);
  }

  @Auth('sessionOrApiKey', 'admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Changes a rule (its kind stays); the engine plans its jobs afresh' })
  @ApiOkResponse({ type: AutomationDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: BAD_RULE })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  update(@Param() params: AutomationIdParamsDto, @Body() body: UpdateAutomationDto, @CurrentPrincipal() principal: Principal, @Audited() context: AuditContext): Promise<AutomationDto> {
    return this.automations.update(params.id, body, principal, context);
  }

  @Auth('sessionOrApiKey', 'admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async remove(@Param() params: AutomationIdParamsDto, @CurrentPrincipal() principal: Principal, @Audited() context: AuditContext): Promise<void> {
    await this.automations.remove(params.id, principal, context);
  }

  @Auth('sessionOrApiKey', 'admin')
  @Post(':id/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Runs the rule on its Spaces now; with dryRun=true, says what it would do and acts on nothing' })
  @ApiOkResponse({ type: AutomationRunResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_AUTOMATION (a maintenance window), VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  run(@Param() params: AutomationIdParamsDto, @Query() query: RunQueryDto, @CurrentPrincipal() principal: Principal): Promise<AutomationRunResponseDto> {
    return this.automations.run(params.id, query.dryRun ?? false, principal);
  }

  @Auth('sessionOrApiKey', 'viewer')
  @Get(':id/runs')
  @ApiOperation({ summary: 'What the rule did, newest first' })
  @ApiOkResponse({ type: AutomationRunListDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async runs(@Param() params: AutomationIdParamsDto, @Query() query: RunsQueryDto, @CurrentPrincipal() principal: Principal): Promise<AutomationRunListDto> {
    return { runs: await this.automations.runs(params.id, principal, query.limit ?? 100) };
  }
}
