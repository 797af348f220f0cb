import { ApiProperty } from '@nestjs/swagger';
import type { AccountPublicInfo, AppConfigResponse, HealthResponse } from '@hfd/contracts';

export class AccountPublicInfoDto implements AccountPublicInfo {
  @ApiProperty() name!: string;
  @ApiProperty() hasToken!: boolean;
  @ApiProperty() canWrite!: boolean;
  @ApiProperty({ enum: ['read', 'write', 'fineGrained'], nullable: true }) tokenRole!: 'read' | 'write' | 'fineGrained' | null;
}

export class AppConfigResponseDto implements AppConfigResponse {
  @ApiProperty({ type: [AccountPublicInfoDto] }) accounts!: AccountPublicInfoDto[];
  @ApiProperty() showPrivate!: boolean;
  @ApiProperty({ description: 'True when the server runs the bundled hub emulator with demo data' }) demo!: boolean;
  @ApiProperty() version!: string;
  @ApiProperty() refreshIntervalSeconds!: number;
}

export class HubHealthDto {
  @ApiProperty() reachable!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSuccessAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: HubHealthDto }) hub!: HubHealthDto;
  @ApiProperty() uptimeSeconds!: number;
  @ApiProperty() version!: string;
}
