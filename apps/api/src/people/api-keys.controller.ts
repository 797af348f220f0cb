import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { Audited, type AuditContext } from './audit-context';
import { ApiKeyIdParamsDto, ApiKeysListResponseDto, CreateApiKeyDto, CreateApiKeyResponseDto } from './dto/people.dto';
import { NamedKeysService } from './named-keys.service';

/** Named API keys: admins only. */
@ApiTags('people')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: NamedKeysService) {}

  @Auth('sessionOrApiKey', 'admin')
  @Get()
  @ApiOkResponse({ type: ApiKeysListResponseDto })
  list(): ApiKeysListResponseDto {
    return { keys: this.keys.list() };
  }

  @Auth('sessionOrApiKey', 'admin')
  @Post()
  @ApiCreatedResponse({ type: CreateApiKeyResponseDto, description: '`key` appears in this answer only; only its sha256 digest is stored' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'API_KEY_NAME_TAKEN, UNKNOWN_ROLE, UNKNOWN_ACCOUNT, EXPIRY_IN_PAST, VALIDATION_FAILED' })
  create(@Body() body: CreateApiKeyDto, @Audited() context: AuditContext): Promise<CreateApiKeyResponseDto> {
    return this.keys.create(body, context);
  }

  @Auth('sessionOrApiKey', 'admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Refused from the next request on; streams opened with it end at once' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async revoke(@Param() params: ApiKeyIdParamsDto, @Audited() context: AuditContext): Promise<void> {
    await this.keys.revoke(params.id, context);
  }
}
