import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type LoginRequest, type LoginResponse, type MeResponse, type OidcTokenRequest, type Role } from '@hfd/contracts';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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

  @ApiPropertyOptional({ description: 'TOTP code or recovery code, when the user has TOTP on (asked for by TOTP_REQUIRED)', maxLength: 64 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code?: string;
}

export class OidcTokenDto implements OidcTokenRequest {
  @ApiProperty({ description: 'The oidcTicket the callback put in the dashboard’s address' })
  @IsString()
  @Matches(/^[\w-]{43}$/, { message: 'ticket is not a sign-in ticket' })
  ticket!: string;
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

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: [String], nullable: true, description: 'The accounts this user is limited to; null: all' })
  accounts!: string[] | null;
}

export class MeResponseDto implements MeResponse {
  @ApiProperty()
  username!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: [String], nullable: true })
  accounts!: string[] | null;

  @ApiProperty()
  totpEnabled!: boolean;

  @ApiProperty()
  sessionId!: string;
}
