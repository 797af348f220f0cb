import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AVAILABILITY_STATES,
  INCIDENT_CAUSES,
  SPACE_STAGES,
  TRANSITION_SOURCES,
  UNKNOWN_STAGE,
  UPTIME_WINDOWS,
  type AccountUptime,
  type AvailabilityState,
  type StatusStrip,
  type HistoryResponse,
  type Incident,
  type IncidentCause,
  type IncidentStep,
  type IncidentsResponse,
  type RuntimeStage,
  type SpaceUptime,
  type SpaceUptimeResponse,
  type StageTransition,
  type StatusSlot,
  type TransitionSource,
  type UptimeFigure,
  type UptimeResponse,
  type UptimeWindow,
} from '@hfd/contracts';

const STAGES = [...SPACE_STAGES, UNKNOWN_STAGE];

export class StageTransitionDto implements StageTransition {
  @ApiProperty({ example: 'user1/space1' }) spaceId!: string;
  @ApiProperty({ description: 'ISO time this server observed the change' }) at!: string;
  @ApiProperty({ enum: STAGES, nullable: true }) from!: RuntimeStage | null;
  @ApiProperty({ enum: STAGES, nullable: true, description: 'Null: this server stopped watching (its own downtime)' }) to!: RuntimeStage | null;
  @ApiProperty({ enum: TRANSITION_SOURCES }) source!: TransitionSource;
  @ApiProperty({ type: String, nullable: true, description: 'Who caused it: a user name, api-key, or an automation' }) actor!: string | null;
  @ApiProperty({ enum: AVAILABILITY_STATES, description: 'What the period starting here counts as' }) state!: AvailabilityState;
}

export class HistoryResponseDto implements HistoryResponse {
  @ApiProperty() spaceId!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [StageTransitionDto], description: 'Newest first' }) transitions!: StageTransitionDto[];
}

export class UptimeFigureDto implements UptimeFigure {
  @ApiProperty({ enum: UPTIME_WINDOWS }) window!: UptimeWindow;
  @ApiProperty() upMs!: number;
  @ApiProperty() downMs!: number;
  @ApiProperty({ description: 'Time this server did not watch (it was down, or had not read the Space yet): left out of the ratio' }) unknownMs!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'up ÷ (up + down); null when nothing is known' }) ratio!: number | null;
}

export class StatusSlotDto implements StatusSlot {
  @ApiProperty({ description: 'Epoch ms' }) start!: number;
  @ApiProperty({ description: 'Epoch ms' }) end!: number;
  @ApiProperty({ enum: AVAILABILITY_STATES, description: 'The worst state in the slot' }) state!: AvailabilityState;
  @ApiProperty() upMs!: number;
  @ApiProperty() downMs!: number;
  @ApiProperty() unknownMs!: number;
  @ApiProperty({ enum: STAGES, isArray: true }) stages!: RuntimeStage[];
}

export class StatusStripDto implements StatusStrip {
  @ApiProperty({ enum: AVAILABILITY_STATES, isArray: true, description: "Each slot's state, oldest first" }) states!: AvailabilityState[];
  @ApiProperty({ description: 'Time up in all the slots' }) upMs!: number;
  @ApiProperty({ description: 'Time down in all the slots' }) downMs!: number;
}

export class SpaceUptimeDto implements SpaceUptime {
  @ApiProperty() spaceId!: string;
  @ApiProperty({ type: [UptimeFigureDto] }) windows!: UptimeFigureDto[];
  @ApiPropertyOptional({ type: [StatusSlotDto], description: 'The last 24 hours in 96 slots of 15 minutes (bar=true)' }) bar?: StatusSlotDto[];
  @ApiPropertyOptional({ type: StatusStripDto, description: 'The same bar as a strip (bar=strip)' }) strip?: StatusStripDto;
}

export class SpaceUptimeResponseDto extends SpaceUptimeDto implements SpaceUptimeResponse {
  @ApiProperty({ description: 'ISO time the windows end' }) at!: string;
}

export class AccountUptimeDto implements AccountUptime {
  @ApiProperty() account!: string;
  @ApiProperty({ type: [UptimeFigureDto] }) windows!: UptimeFigureDto[];
}

export class UptimeResponseDto implements UptimeResponse {
  @ApiProperty() at!: string;
  @ApiProperty({ type: [SpaceUptimeDto] }) spaces!: SpaceUptimeDto[];
  @ApiProperty({ type: [AccountUptimeDto] }) accounts!: AccountUptimeDto[];
  @ApiProperty({ type: [UptimeFigureDto] }) fleet!: UptimeFigureDto[];
}

export class IncidentStepDto implements IncidentStep {
  @ApiProperty() at!: string;
  @ApiProperty({ enum: TRANSITION_SOURCES }) source!: TransitionSource;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ enum: STAGES, nullable: true }) to!: RuntimeStage | null;
}

export class IncidentDto implements Incident {
  @ApiProperty() spaceId!: string;
  @ApiProperty() start!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null while open' }) end!: string | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ enum: INCIDENT_CAUSES }) cause!: IncidentCause;
  @ApiProperty({ enum: STAGES, isArray: true }) stages!: RuntimeStage[];
  @ApiProperty({ type: [IncidentStepDto], description: 'Actions and automations during it, with who' }) steps!: IncidentStepDto[];
}

export class IncidentsResponseDto implements IncidentsResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [IncidentDto], description: 'Open first, then the newest' }) incidents!: IncidentDto[];
}
