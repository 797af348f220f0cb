import { ApiProperty } from '@nestjs/swagger';
import {
  ACCOUNT_ERROR_KINDS,
  SPACE_ACTIONS,
  SPACE_SDKS,
  SPACE_STAGES,
  UNKNOWN_STAGE,
  type AccountError,
  type AccountErrorKind,
  type AccountStatus,
  type RuntimeStage,
  type SpaceAction,
  type SpaceActionResponse,
  type SpaceDetail,
  type SpaceDomain,
  type SpaceHardware,
  type SpaceReplicas,
  type SpaceRuntime,
  type SpaceSdk,
  type SpacesListResponse,
  type SpaceSummary,
} from '@hfd/contracts';

// Response schemas for the OpenAPI document. Each class implements its contract, so
// the compiler keeps the two in step.

export class SpaceHardwareDto implements SpaceHardware {
  @ApiProperty({ type: String, nullable: true, example: 'cpu-basic' }) current!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'cpu-basic' }) requested!: string | null;
}

export class SpaceReplicasDto implements SpaceReplicas {
  @ApiProperty({ type: Number, nullable: true }) current!: number | null;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', enum: ['auto'] }], nullable: true }) requested!: number | 'auto' | null;
}

export class SpaceRuntimeDto implements SpaceRuntime {
  @ApiProperty({ enum: [...SPACE_STAGES, UNKNOWN_STAGE] }) stage!: RuntimeStage;
  @ApiProperty({ type: SpaceHardwareDto }) hardware!: SpaceHardwareDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds of inactivity before sleeping; null = never' }) sleepTimeSeconds!: number | null;
  @ApiProperty({ type: SpaceReplicasDto }) replicas!: SpaceReplicasDto;
  @ApiProperty({ type: String, nullable: true }) errorMessage!: string | null;
}

export class SpaceSummaryDto implements SpaceSummary {
  @ApiProperty({ example: 'user1/space1' }) id!: string;
  @ApiProperty() owner!: string;
  @ApiProperty() name!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) emoji!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true }) colorFrom!: string | null;
  @ApiProperty({ type: String, nullable: true }) colorTo!: string | null;
  @ApiProperty({ enum: SPACE_SDKS, nullable: true }) sdk!: SpaceSdk | null;
  @ApiProperty() private!: boolean;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() likes!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) createdAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastModified!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://user1-space1.hf.space' }) appUrl!: string | null;
  @ApiProperty({ example: 'https://huggingface.co/spaces/user1/space1' }) hubUrl!: string;
  @ApiProperty({ type: SpaceRuntimeDto, nullable: true }) runtime!: SpaceRuntimeDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When this server saw the Space enter its current stage; null when it has not seen the stage begin',
  })
  stageSince!: string | null;
}

export class SpaceDomainDto implements SpaceDomain {
  @ApiProperty() domain!: string;
  @ApiProperty({ example: 'READY' }) stage!: string;
  @ApiProperty() isCustom!: boolean;
}

export class SpaceDetailDto extends SpaceSummaryDto implements SpaceDetail {
  @ApiProperty({ type: String, nullable: true }) sha!: string | null;
  @ApiProperty({ type: String, nullable: true }) license!: string | null;
  @ApiProperty({ type: String, nullable: true }) sdkVersion!: string | null;
  @ApiProperty({ type: [SpaceDomainDto] }) domains!: SpaceDomainDto[];
  @ApiProperty({ type: [String] }) models!: string[];
  @ApiProperty({ type: [String] }) datasets!: string[];
}

export class AccountErrorDto implements AccountError {
  @ApiProperty({ enum: ACCOUNT_ERROR_KINDS }) kind!: AccountErrorKind;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AccountStatusDto implements AccountStatus {
  @ApiProperty() name!: string;
  @ApiProperty() canWrite!: boolean;
  @ApiProperty() spaceCount!: number;
  @ApiProperty({ type: AccountErrorDto, nullable: true }) error!: AccountErrorDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) fetchedAt!: string | null;
}

export class SpacesListResponseDto implements SpacesListResponse {
  @ApiProperty({ type: [SpaceSummaryDto] }) spaces!: SpaceSummaryDto[];
  @ApiProperty({ type: [AccountStatusDto] }) accounts!: AccountStatusDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) fetchedAt!: string | null;
  @ApiProperty() stale!: boolean;
  @ApiProperty() refreshing!: boolean;
  @ApiProperty({ format: 'date-time', description: 'When this answer was generated; the Age header says how many seconds ago' }) generatedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Age of the data in ms at generatedAt; add the Age header for its age now' }) ageMs!: number | null;
}

export class SpaceActionResponseDto implements SpaceActionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SPACE_ACTIONS }) action!: SpaceAction;
  @ApiProperty({ type: SpaceRuntimeDto }) runtime!: SpaceRuntimeDto;
}
