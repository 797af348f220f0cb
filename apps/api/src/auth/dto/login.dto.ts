import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest, LoginResponse, MeResponse } from '@hfd/contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin', maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  username!: string;

  @ApiProperty({ format: 'password', maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty()
  username!: string;
}

export class MeResponseDto implements MeResponse {
  @ApiProperty()
  username!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
