import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUTOMATION_KINDS,
  AUTOMATION_RUN_RESULTS,
  MISSED_RUN_POLICIES,
  SCHEDULE_ACTIONS,
  STAGE_GROUPS,
  type Automation,
  type AutomationDecision,
  type AutomationFilter,
  type AutomationKind,
  type AutomationList,
  type AutomationRun,
  type AutomationRunList,
  type AutomationRunResponse,
  type AutomationRunResult,
  type AutomationSettings,
  type AutomationSpaceState,
  type AutomationStep,
  type AutomationTargets,
  type StageGroup,
} from '@hfd/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const SPACE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const STEPS: readonly AutomationStep[] = ['restart', 'rebuild', 'pause', 'resume', 'visit', 'probe', 'wait', 'none', 'give-up'];

export class AutomationFilterDto implements AutomationFilter {
  @ApiPropertyOptional({ enum: STAGE_GROUPS })
  @IsOptional()
  @IsIn(STAGE_GROUPS)
  stageGroup?: StageGroup;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ description: '`*` matches anything; matched against owner/name, ignoring case', example: 'org1/*-demo' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._*/-]{1,200}$/, { message: 'namePattern may hold letters, digits, . _ - / and *' })
  namePattern?: string;
}

export class AutomationTargetsDto implements AutomationTargets {
  @ApiPropertyOptional({ type: [String], example: ['user1/space1'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(SPACE_ID, { each: true, message: 'each Space must be owner/name' })
  spaces?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ACCOUNT, { each: true, message: 'each account must be a Hub user or organisation name' })
  accounts?: string[];

  @ApiPropertyOptional({ type: AutomationFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AutomationFilterDto)
  filter?: AutomationFilterDto;
}

/** The settings of every kind, flat beside the common fields; which apply depends on `kind` (checked in the service). */
class SettingsFieldsDto {
  @ApiPropertyOptional({ description: 'keep-alive (at least 60; default half the sleep time) and probe (at least 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  intervalSeconds?: number;

  @ApiPropertyOptional({ description: 'schedule and recurring maintenance: 5-field cron', example: '0 4 * * 1' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cron?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ enum: SCHEDULE_ACTIONS })
  @IsOptional()
  @IsIn(SCHEDULE_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ enum: MISSED_RUN_POLICIES })
  @IsOptional()
  @IsIn(MISSED_RUN_POLICIES)
  missedRuns?: string;

  @ApiPropertyOptional({ description: 'recovery' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  graceSeconds?: number;

  @ApiPropertyOptional({ description: 'recovery, default 3' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  maxAttemptsPerDay?: number;

  @ApiPropertyOptional({ description: 'recovery: building or starting longer than this counts as failed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  stuckMinutes?: number;

  @ApiPropertyOptional({ description: 'recovery, default 1800' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  rebuildWindowSeconds?: number;

  @ApiPropertyOptional({ description: 'recovery, default 60, doubled after each step' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  backoffSeconds?: number;

  @ApiPropertyOptional({ description: 'probe', example: '/health' })
  @IsOptional()
  @IsString()
  @Matches(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,500}$/, { message: 'path must start with / and be a URL path' })
  path?: string;

  @ApiPropertyOptional({ description: 'probe, default 200' })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(599)
  expectStatus?: number;

  @ApiPropertyOptional({ description: 'probe' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  keyword?: string;

  @ApiPropertyOptional({ description: 'probe, default 10' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  timeoutSeconds?: number;

  @ApiPropertyOptional({ description: 'one-off maintenance', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  start?: string;

  @ApiPropertyOptional({ description: 'maintenance' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 1440)
  durationMinutes?: number;
}

export class CreateAutomationDto extends SettingsFieldsDto {
  @ApiProperty({ example: 'Keep the demo awake' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ enum: AUTOMATION_KINDS })
  @IsIn(AUTOMATION_KINDS)
  kind!: AutomationKind;

  @ApiProperty({ type: AutomationTargetsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AutomationTargetsDto)
  targets!: AutomationTargetsDto;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateAutomationDto extends SettingsFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ type: AutomationTargetsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AutomationTargetsDto)
  targets?: AutomationTargetsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class AutomationIdParamsDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-z0-9]{16}$/, { message: 'id is not an automation id' })
  id!: string;
}

export class RunQueryDto {
  @ApiPropertyOptional({ description: 'true: decide and say, act on nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class RunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AutomationSpaceStateDto implements AutomationSpaceState {
  @ApiProperty() spaceId!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) nextRunAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) lastRunAt!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time', nullable: true }) gaveUpAt!: string | null;
  @ApiProperty() missing!: boolean;
}

export class AutomationDto implements Automation {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true }) description!: string | null;
  @ApiProperty({ enum: AUTOMATION_KINDS }) kind!: AutomationKind;
  @ApiProperty({ type: AutomationTargetsDto }) targets!: AutomationTargets;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The settings of the kind' }) settings!: AutomationSettings;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() owner!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [AutomationSpaceStateDto] }) spaces!: AutomationSpaceStateDto[];
  @ApiProperty({ type: [String], description: 'The next five times (schedules and recurring windows)' }) nextRuns!: string[];
  @ApiPropertyOptional({ description: 'A maintenance window in force now' }) active?: boolean;
}

export class AutomationListDto implements AutomationList {
  @ApiProperty({ type: [AutomationDto] }) automations!: AutomationDto[];
}

export class AutomationRunDto implements AutomationRun {
  @ApiProperty() id!: string;
  @ApiProperty() automationId!: string;
  @ApiProperty() spaceId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: STEPS }) step!: AutomationStep;
  @ApiProperty({ enum: AUTOMATION_RUN_RESULTS }) result!: AutomationRunResult;
  @ApiProperty({ nullable: true }) detail!: string | null;
  @ApiProperty({ nullable: true }) durationMs!: number | null;
}

export class AutomationRunListDto implements AutomationRunList {
  @ApiProperty({ type: [AutomationRunDto] }) runs!: AutomationRunDto[];
}

export class AutomationDecisionDto implements AutomationDecision {
  @ApiProperty() spaceId!: string;
  @ApiProperty({ enum: STEPS }) step!: AutomationStep;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ enum: AUTOMATION_RUN_RESULTS }) result?: AutomationRunResult;
}

export class AutomationRunResponseDto implements AutomationRunResponse {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [AutomationDecisionDto] }) decisions!: AutomationDecisionDto[];
}

export class AutomationsQueryDto {
  @ApiPropertyOptional({ description: 'owner/name: only the rules that apply to this Space now' })
  @IsOptional()
  @Matches(SPACE_ID, { message: 'space must be owner/name' })
  space?: string;
}
