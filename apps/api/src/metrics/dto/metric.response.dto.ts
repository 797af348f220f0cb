import { ApiProperty } from '@nestjs/swagger';
import type { GpuSample, MetricHistoryResponse, MetricRange, MetricRollupResponse, MetricSample, RollupPoint, RollupStat } from '@hfd/contracts';

export class GpuSampleDto implements GpuSample {
  @ApiProperty() id!: string;
  @ApiProperty() utilization!: number;
  @ApiProperty() memoryUsedBytes!: number;
  @ApiProperty() memoryTotalBytes!: number;
}

export class MetricSampleDto implements MetricSample {
  @ApiProperty({ example: 'user1/space1' }) spaceId!: string;
  @ApiProperty({ type: String, nullable: true }) replica!: string | null;
  @ApiProperty() cpuPct!: number;
  @ApiProperty({ type: Number, nullable: true }) cpuMillicores!: number | null;
  @ApiProperty() memoryUsedBytes!: number;
  @ApiProperty({ type: Number, nullable: true }) memoryTotalBytes!: number | null;
  @ApiProperty({ description: 'Download, bytes per second' }) rxBps!: number;
  @ApiProperty({ description: 'Upload, bytes per second' }) txBps!: number;
  @ApiProperty({ type: [GpuSampleDto] }) gpus!: GpuSampleDto[];
  @ApiProperty({ description: 'Epoch milliseconds when the API received the sample' }) receivedAt!: number;
}

export class MetricHistoryDto implements MetricHistoryResponse {
  @ApiProperty() spaceId!: string;
  @ApiProperty({ type: [MetricSampleDto] }) samples!: MetricSampleDto[];
  @ApiProperty() windowSeconds!: number;
}

export class RollupStatDto implements RollupStat {
  @ApiProperty() min!: number;
  @ApiProperty() avg!: number;
  @ApiProperty() max!: number;
}

export class RollupPointDto implements RollupPoint {
  @ApiProperty({ description: "Epoch ms of the minute's or hour's start" }) at!: number;
  @ApiProperty({ type: RollupStatDto }) cpuPct!: RollupStatDto;
  @ApiProperty({ type: RollupStatDto }) memoryUsedBytes!: RollupStatDto;
  @ApiProperty({ type: RollupStatDto, description: 'Download, bytes per second' }) rxBps!: RollupStatDto;
  @ApiProperty({ type: RollupStatDto, description: 'Upload, bytes per second' }) txBps!: RollupStatDto;
}

export class MetricRollupDto implements MetricRollupResponse {
  @ApiProperty() spaceId!: string;
  @ApiProperty({ enum: ['1h', '24h', '7d'] }) range!: Exclude<MetricRange, '5m'>;
  @ApiProperty({ enum: ['minute', 'hour'] }) resolution!: 'minute' | 'hour';
  @ApiProperty({ type: [RollupPointDto], description: 'Oldest first; minutes or hours without samples are absent' }) points!: RollupPointDto[];
}
