import { ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from '@hfd/contracts';
import { IsIn, IsOptional, IsString, ValidateBy } from 'class-validator';
import { HUB_NAME_PATTERN } from '../../common/validation/hub-name';

/**
 * A viewer narrows its stream to some Spaces it names; to watch everything it names none.
 * Each name costs memory for as long as the stream lasts, so a list is kept short.
 */
export const MAX_STREAM_SPACES = 100;
/** Characters of the whole list: 100 ids of 80 characters, far under Node's 16 kB header limit. */
export const MAX_STREAM_SPACES_LENGTH = 8 * 1024;

function isSpaceId(id: string): boolean {
  const [owner, name, extra] = id.split('/');
  return extra === undefined && owner !== undefined && name !== undefined && HUB_NAME_PATTERN.test(owner) && HUB_NAME_PATTERN.test(name);
}

export class StreamQueryDto {
  @ApiPropertyOptional({
    description: `Comma-separated Space ids (\`owner/name\`) to narrow the stream to: at most ${MAX_STREAM_SPACES} ids and ${MAX_STREAM_SPACES_LENGTH} characters`,
    example: 'user1/space1,user2/space2',
  })
  @IsOptional()
  @IsString({ message: 'spaces must be given once, as a comma-separated list' })
  // Checked in this order (the last decorator runs first): each id's form, then the size, each a split of the list and no regular expression over the whole of it.
  @ValidateBy(
    {
      name: 'maxSpaces',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || (value.length <= MAX_STREAM_SPACES_LENGTH && value.split(',').length <= MAX_STREAM_SPACES),
        defaultMessage: () => `spaces may name at most ${MAX_STREAM_SPACES} Spaces in ${MAX_STREAM_SPACES_LENGTH} characters`,
      },
    },
    { context: { code: ERROR_CODES.tooManySpaces } },
  )
  @ValidateBy(
    {
      name: 'isSpaceList',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.split(',', MAX_STREAM_SPACES + 1).every(isSpaceId),
        defaultMessage: () => 'spaces must be a comma-separated list of owner/name ids',
      },
    },
    { context: { code: ERROR_CODES.invalidSpaceId } },
  )
  spaces?: string;

  @ApiPropertyOptional({
    description: 'true, with `spaces` naming at most 5 Spaces (the page of one Space): hold their Hub status streams while connected, so that no stage change of theirs is missed between two refreshes',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'watch must be true or false' })
  watch?: 'true' | 'false';
}
