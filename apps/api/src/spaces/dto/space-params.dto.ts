import { ApiProperty } from '@nestjs/swagger';
import { ERROR_CODES, SPACE_ACTIONS, type SpaceAction } from '@hfd/contracts';
import { IsIn, Matches, MaxLength } from 'class-validator';
import { HUB_NAME_MAX_LENGTH, HUB_NAME_PATTERN } from '../../common/validation/hub-name';

const invalidId = { context: { code: ERROR_CODES.invalidSpaceId } };

/** `:owner/:name` of a Space, held to the Hub's naming rules before anything is sent anywhere. */
export class SpaceParamsDto {
  @ApiProperty({ example: 'user1', pattern: HUB_NAME_PATTERN.source })
  @MaxLength(HUB_NAME_MAX_LENGTH, { ...invalidId, message: 'owner is too long' })
  @Matches(HUB_NAME_PATTERN, { ...invalidId, message: 'owner is not a valid Hugging Face account name' })
  owner!: string;

  @ApiProperty({ example: 'space1', pattern: HUB_NAME_PATTERN.source })
  @MaxLength(HUB_NAME_MAX_LENGTH, { ...invalidId, message: 'name is too long' })
  @Matches(HUB_NAME_PATTERN, { ...invalidId, message: 'name is not a valid Space name' })
  name!: string;
}

export class SpaceActionParamsDto extends SpaceParamsDto {
  @ApiProperty({ enum: SPACE_ACTIONS })
  @IsIn(SPACE_ACTIONS, {
    context: { code: ERROR_CODES.unknownAction },
    message: `action must be one of ${SPACE_ACTIONS.join(', ')}`,
  })
  action!: SpaceAction;
}
