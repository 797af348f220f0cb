import { ApiProperty } from '@nestjs/swagger';
import type { GpuSample, MetricHistoryResponse, MetricSample } from '@hfd/contracts';

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
