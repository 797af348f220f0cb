import { ApiProperty } from '@nestjs/swagger';
import {
  ERROR_CODES,
  type ExternalActionResponse,
  type ExternalSpaceInfoResponse,
  type ExternalSpaceListResponse,
} from '@hfd/contracts';
import { IsIn, Matches, MaxLength } from 'class-validator';
import { SpaceParamsDto } from '../spaces/dto/space-params.dto';

export const EXTERNAL_ACTIONS = ['restart', 'rebuild'] as const;
export type ExternalAction = (typeof EXTERNAL_ACTIONS)[number];

/** Visible ASCII: what any Hugging Face token (user, OAuth, app) is made of. */
const TOKEN = /^[\x21-\x7e]+$/;

export class ExternalTokenParamsDto {
  @ApiProperty({ description: 'A Hugging Face token (it is redacted from every log line)', example: 'hf_xxx123' })
  @MaxLength(512, { message: 'token is too long' })
  @Matches(TOKEN, { message: 'token is not a valid Hugging Face token' })
  token!: string;
}

export class ExternalSpaceParamsDto extends SpaceParamsDto {
  @ApiProperty({ description: 'A Hugging Face token (it is redacted from every log line)', example: 'hf_xxx123' })
  @MaxLength(512, { message: 'token is too long' })
  @Matches(TOKEN, { message: 'token is not a valid Hugging Face token' })
  token!: string;
}

export class ExternalActionParamsDto extends ExternalSpaceParamsDto {
  @ApiProperty({ enum: EXTERNAL_ACTIONS })
  @IsIn(EXTERNAL_ACTIONS, { context: { code: ERROR_CODES.unknownAction }, message: 'action must be restart or rebuild' })
  action!: ExternalAction;
}

export class ExternalSpaceListResponseDto implements ExternalSpaceListResponse {
  @ApiProperty({ type: [String], example: ['user1/space1', 'user1/space2'] }) spaces!: string[];
  @ApiProperty({ example: 2 }) total!: number;
}

export class ExternalSpaceInfoResponseDto implements ExternalSpaceInfoResponse {
  @ApiProperty({ example: 'user1/space1' }) id!: string;
  @ApiProperty({ example: 'RUNNING', description: "The Hub's runtime stage as it is (`RUNNING`, `SLEEPING`, `RUNTIME_ERROR` …), `unknown` without one" })
  status!: string;
  @ApiProperty({ type: String, nullable: true, example: '2023-10-01T12:00:00Z' }) last_modified!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2023-09-01T12:00:00Z' }) created_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'gradio' }) sdk!: string | null;
  @ApiProperty({ type: [String], example: ['demo', 'ai'] }) tags!: string[];
  @ApiProperty() private!: boolean;
}

export class ExternalActionResponseDto implements ExternalActionResponse {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ example: 'Space user1/space1 重启成功' }) message!: string;
}
