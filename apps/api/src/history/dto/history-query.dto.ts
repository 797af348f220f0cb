import { ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, UPTIME_BAR_OPTIONS, UPTIME_WINDOWS, type UptimeBarOption } from '@hfd/contracts';
import { IsIn, IsISO8601, IsOptional, ValidateBy } from 'class-validator';

const badTime = { context: { code: ERROR_CODES.invalidTimeRange } };

/** `?from&to`, ISO times; each route says what it defaults to. */
export class TimeRangeQueryDto {
  @ApiPropertyOptional({ description: 'ISO time the range starts at', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { ...badTime, message: 'from must be an ISO time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO time the range ends at (default: now)', example: '2026-01-02T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { ...badTime, message: 'to must be an ISO time' })
  to?: string;
}

export class UptimeQueryDto {
  @ApiPropertyOptional({ description: `Comma-separated windows among ${UPTIME_WINDOWS.join(', ')} (default: all four for one Space, 24h for all)`, example: '24h,7d,30d' })
  @IsOptional()
  @ValidateBy(
    {
      name: 'isWindowList',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && value.split(',').every((window) => (UPTIME_WINDOWS as readonly string[]).includes(window)),
        defaultMessage: () => `windows must be a comma-separated list of ${UPTIME_WINDOWS.join(', ')}`,
      },
    },
    { context: { code: ERROR_CODES.invalidWindow } },
  )
  windows?: string;

  @ApiPropertyOptional({ description: "true: add each Space's 24-hour status bar; strip: only the states of its slots (what a card shows)", enum: UPTIME_BAR_OPTIONS })
  @IsOptional()
  @IsIn(UPTIME_BAR_OPTIONS, { message: `bar must be one of ${UPTIME_BAR_OPTIONS.join(', ')}` })
  bar?: UptimeBarOption;
}
