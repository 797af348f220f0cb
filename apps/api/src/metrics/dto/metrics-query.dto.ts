import { ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, METRIC_RANGES, type MetricRange } from '@hfd/contracts';
import { IsIn, IsOptional } from 'class-validator';

export class MetricsQueryDto {
  @ApiPropertyOptional({ enum: METRIC_RANGES, description: '5m (default): the raw samples; 1h and 24h: per-minute rollups; 7d: per-hour rollups' })
  @IsOptional()
  @IsIn(METRIC_RANGES, { context: { code: ERROR_CODES.invalidRange }, message: `range must be one of ${METRIC_RANGES.join(', ')}` })
  range?: MetricRange;
}
