import { ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from '@hfd/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HUB_NAME_PATTERN } from '../../common/validation/hub-name';

/** Enough for every Space of a large fleet, small enough to refuse query flooding. */
export const MAX_STREAM_SPACES = 1000;
const NAME = HUB_NAME_PATTERN.source.slice(1, -1);
const SPACE_LIST = new RegExp(`^${NAME}/${NAME}(?:,${NAME}/${NAME}){0,${MAX_STREAM_SPACES - 1}}$`);

export class StreamQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated Space ids (`owner/name`) to narrow the stream to', example: 'user1/space1,user2/space2' })
  @IsOptional()
  @IsString({ message: 'spaces must be given once, as a comma-separated list' })
  @MaxLength(MAX_STREAM_SPACES * 194, { message: 'spaces lists too many Spaces' })
  @Matches(SPACE_LIST, { context: { code: ERROR_CODES.invalidSpaceId }, message: 'spaces must be a comma-separated list of owner/name ids' })
  spaces?: string;
}
