import { ApiProperty } from '@nestjs/swagger';
import type { AccountPublicInfo, AppConfigResponse, HealthResponse } from '@hfd/contracts';

export class AccountPublicInfoDto implements AccountPublicInfo {
  @ApiProperty() name!: string;
  @ApiProperty() hasToken!: boolean;
  @ApiProperty() canWrite!: boolean;
  @ApiProperty({ enum: ['read', 'write', 'fineGrained'], nullable: true }) tokenRole!: 'read' | 'write' | 'fineGrained' | null;
}

export class StorageInfoDto {
  @ApiProperty({ enum: ['sqlite', 'postgres'], description: 'An SQLite file in DATA_DIR, or PostgreSQL (DATABASE_URL)' }) kind!: 'sqlite' | 'postgres';
  @ApiProperty({ description: 'True when the SQLite file is on a disk that a restart wipes (a Hugging Face Space): set DATABASE_URL' })
  ephemeral!: boolean;
}

export class AppConfigResponseDto implements AppConfigResponse {
  @ApiProperty({ type: [AccountPublicInfoDto] }) accounts!: AccountPublicInfoDto[];
  @ApiProperty() showPrivate!: boolean;
  @ApiProperty({ description: 'True when the server runs the bundled hub emulator with demo data' }) demo!: boolean;
  @ApiProperty() version!: string;
  @ApiProperty() refreshIntervalSeconds!: number;
  @ApiProperty({ description: 'Single sign-on is configured: offer GET /api/v1/auth/oidc/login' }) singleSignOn!: boolean;
  @ApiProperty({ type: StorageInfoDto }) storage!: StorageInfoDto;
}

export class HubHealthDto {
  @ApiProperty() reachable!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSuccessAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) kind!: 'sqlite' | 'postgres';
  @ApiProperty() reachable!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ description: 'Writes waiting for the database to come back' }) queuedWrites!: number;
}

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded: the Hub or the database cannot be reached (the server still serves)' })
  status!: 'ok' | 'degraded';
  @ApiProperty({ type: HubHealthDto }) hub!: HubHealthDto;
  @ApiProperty({ type: DatabaseHealthDto }) database!: DatabaseHealthDto;
  @ApiProperty() uptimeSeconds!: number;
  @ApiProperty() version!: string;
}
