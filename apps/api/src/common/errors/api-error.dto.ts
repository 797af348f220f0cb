import { ApiProperty } from '@nestjs/swagger';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '@hfd/contracts';

export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 'Space not found' })
  error!: string;

  @ApiProperty({ enum: Object.values(ERROR_CODES), example: ERROR_CODES.spaceNotFound })
  code!: ErrorCode;
}
