import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentPrincipal } from '../common/decorators/current-principal.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import type { Principal } from '../common/http/principal';
import { AUDIT_PAGE_MAX, AuditService, auditCsvHeader, auditCsvRows } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/people.dto';

/** The audit log: admins see everything, operators their own entries. */
@ApiTags('people')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Auth('sessionOrApiKey', 'operator')
  @Get('audit')
  @ApiOperation({ summary: 'Audit entries, newest first, filtered, paged by cursor (an operator gets their own only)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'INVALID_CURSOR, VALIDATION_FAILED' })
  page(@Query() query: AuditQueryDto, @CurrentPrincipal() principal: Principal): Promise<AuditPageDto> {
    return this.audit.page(query, principal);
  }

  @Auth('sessionOrApiKey', 'operator')
  @Get('audit.csv')
  @ApiOperation({ summary: 'Every entry matching the filters, as CSV, streamed page by page' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv' })
  async csv(@Query() query: AuditQueryDto, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    // The first page is read before anything is sent, so a bad filter or cursor is still a 400.
    let page = await this.audit.page({ ...query, limit: undefined }, principal, AUDIT_PAGE_MAX);
    response.status(200).type('text/csv; charset=utf-8').attachment('audit.csv');
    response.write(auditCsvHeader());
    for (;;) {
      response.write(auditCsvRows(page.entries));
      if (page.nextCursor === null) break;
      page = await this.audit.page({ ...query, limit: undefined, cursor: page.nextCursor }, principal, AUDIT_PAGE_MAX);
    }
    response.end();
  }
}
