import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_KINDS,
  AUDIT_RESULTS,
  ERROR_CODES,
  ROLES,
  type ApiKeyInfo,
  type ApiKeysListResponse,
  type AuditEntry,
  type AuditKind,
  type AuditPage,
  type AuditQuery,
  type AuditResult,
  type ChangePasswordRequest,
  type CreateApiKeyRequest,
  type CreateApiKeyResponse,
  type CreateUserRequest,
  type Role,
  type SessionInfo,
  type SessionsListResponse,
  type TotpDisableRequest,
  type TotpEnableRequest,
  type TotpEnableResponse,
  type TotpSetupRequest,
  type TotpSetupResponse,
  type UpdateUserRequest,
  type User,
  type UserSource,
  type UsersListResponse,
} from '@hfd/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

/** Letters, digits and `._@-`: a name that is safe in logs, CSV and URLs. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;
const NAME_MESSAGE = 'must be 1-64 letters, digits or ._@- and start with a letter or digit';
/** A Hub user or organisation name. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

export class UserDto implements User {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every account' }) accounts!: string[] | null;
  @ApiProperty() disabled!: boolean;
  @ApiProperty() totpEnabled!: boolean;
  @ApiProperty({ enum: ['local', 'oidc', 'proxy'] }) source!: UserSource;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) lastLoginAt!: string | null;
}

export class UsersListResponseDto implements UsersListResponse {
  @ApiProperty({ type: [UserDto] }) users!: UserDto[];
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'alice' })
  @IsString()
  @Matches(NAME, { message: `username ${NAME_MESSAGE}` })
  username!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 1024, description: '12 characters or more, not a common password (else WEAK_PASSWORD)' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  // Checked in the service, so that an unknown role is UNKNOWN_ROLE rather than a generic validation failure.
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}`, context: { code: ERROR_CODES.unknownRole } })
  role!: Role;

  @ApiPropertyOptional({ type: [String], description: 'Accounts of HF_USER this user is limited to; omitted: all (else UNKNOWN_ACCOUNT)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ACCOUNT, { each: true, message: 'each account must be a Hub user or organisation name' })
  accounts?: string[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}`, context: { code: ERROR_CODES.unknownRole } })
  role?: Role;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: all accounts' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ACCOUNT, { each: true, message: 'each account must be a Hub user or organisation name' })
  accounts?: string[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ format: 'password', maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;
}

export class IdParamsDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[\w-]{1,64}$/, { message: 'id is not a valid id' })
  id!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class SessionInfoDto implements SessionInfo {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Firefox on Linux' }) browser!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSeenAt!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty() current!: boolean;
}

export class SessionsListResponseDto implements SessionsListResponse {
  @ApiProperty({ type: [SessionInfoDto] }) sessions!: SessionInfoDto[];
}

export class TotpSetupDto implements TotpSetupRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class TotpSetupResponseDto implements TotpSetupResponse {
  @ApiProperty({ description: 'Base32 seed, shown this once' }) secret!: string;
  @ApiProperty() otpauthUri!: string;
  @ApiProperty({ description: 'data:image/svg+xml;base64,…' }) qrCode!: string;
}

export class TotpEnableDto implements TotpEnableRequest {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits of the authenticator app' })
  code!: string;
}

export class TotpEnableResponseDto implements TotpEnableResponse {
  @ApiProperty({ type: [String], description: 'Shown this once; each logs in once in place of a code' }) recoveryCodes!: string[];
}

export class TotpDisableDto implements TotpDisableRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ description: 'A current code or a recovery code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code!: string;
}

export class ApiKeyInfoDto implements ApiKeyInfo {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], nullable: true }) accounts!: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty() createdBy!: string;
}

export class ApiKeysListResponseDto implements ApiKeysListResponse {
  @ApiProperty({ type: [ApiKeyInfoDto] }) keys!: ApiKeyInfoDto[];
}

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'ci-restarts' })
  @IsString()
  @Matches(NAME, { message: `name ${NAME_MESSAGE}` })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}`, context: { code: ERROR_CODES.unknownRole } })
  role!: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ACCOUNT, { each: true, message: 'each account must be a Hub user or organisation name' })
  accounts?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'In the future (else EXPIRY_IN_PAST); omitted: never' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 time' })
  expiresAt?: string;
}

export class CreateApiKeyResponseDto extends ApiKeyInfoDto implements CreateApiKeyResponse {
  @ApiProperty({ description: 'The key, shown this once: send as `Authorization: Bearer <key>`' }) key!: string;
}

export class ApiKeyIdParamsDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: 'id is not a valid API key id' })
  id!: string;
}

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) actor?: string;

  @ApiPropertyOptional({ example: 'acme/app' })
  @IsOptional()
  @Matches(/^[\w.-]{1,96}\/[\w.-]{1,96}$/, { message: 'space must be owner/name' })
  space?: string;

  @ApiPropertyOptional({ enum: AUDIT_KINDS }) @IsOptional() @IsIn(AUDIT_KINDS) kind?: AuditKind;
  @ApiPropertyOptional({ enum: AUDIT_RESULTS }) @IsOptional() @IsIn(AUDIT_RESULTS) result?: AuditResult;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: AUDIT_KINDS }) kind!: AuditKind;
  @ApiProperty({ enum: ['user', 'apiKey', 'rule', 'system', 'anonymous'] }) actorType!: AuditEntry['actorType'];
  @ApiProperty({ nullable: true, type: String }) actor!: string | null;
  @ApiProperty({ nullable: true, type: String }) target!: string | null;
  @ApiProperty({ nullable: true, type: String }) spaceId!: string | null;
  @ApiProperty({ enum: AUDIT_RESULTS }) result!: AuditResult;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMs!: number | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEntryDto] }) entries!: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
