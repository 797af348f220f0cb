import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { AppInfoService } from './app-info.service';
import { AppConfigResponseDto, HealthResponseDto } from './dto/app-info.response.dto';

@ApiTags('app')
@Controller()
export class AppInfoController {
  constructor(private readonly info: AppInfoService) {}

  @Auth('anyone')
  @Get('config')
  @ApiOperation({ summary: 'What the dashboard needs first: accounts (with whether each may write), showPrivate, demo, version, storage' })
  @ApiOkResponse({ type: AppConfigResponseDto })
  config(): AppConfigResponseDto {
    return this.info.config();
  }

  @Auth('anyone')
  @Get('health')
  @ApiOperation({ summary: 'Liveness (always 200 while the process serves), whether the Hub and the database answer, and the writes waiting for it' })
  @ApiOkResponse({ type: HealthResponseDto })
  health(): HealthResponseDto {
    return this.info.health();
  }
}
