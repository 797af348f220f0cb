import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/decorators/auth.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { Audited, type AuditContext } from './audit-context';
import { CreateUserDto, IdParamsDto, UpdateUserDto, UserDto, UsersListResponseDto } from './dto/people.dto';
import { UsersService } from './users.service';

/** People, their roles and account scopes: admins only (a session, or an admin key). */
@ApiTags('people')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Auth('sessionOrApiKey', 'admin')
  @Get()
  @ApiOkResponse({ type: UsersListResponseDto })
  list(): UsersListResponseDto {
    return { users: this.users.list() };
  }

  @Auth('sessionOrApiKey', 'admin')
  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'USERNAME_TAKEN, UNKNOWN_ROLE, UNKNOWN_ACCOUNT, WEAK_PASSWORD, VALIDATION_FAILED' })
  create(@Body() body: CreateUserDto, @Audited() context: AuditContext): Promise<UserDto> {
    return this.users.create(body, context);
  }

  @Auth('sessionOrApiKey', 'admin')
  @Patch(':id')
  @ApiOkResponse({ type: UserDto, description: 'Disabling, a new password, role or scope end the user’s sessions and streams at once' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'LAST_ADMIN, UNKNOWN_ROLE, UNKNOWN_ACCOUNT, WEAK_PASSWORD' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  update(@Param() params: IdParamsDto, @Body() body: UpdateUserDto, @Audited() context: AuditContext): Promise<UserDto> {
    return this.users.update(params.id, body, context);
  }

  @Auth('sessionOrApiKey', 'admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'LAST_ADMIN' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async remove(@Param() params: IdParamsDto, @Audited() context: AuditContext): Promise<void> {
    await this.users.remove(params.id, context);
  }
}
