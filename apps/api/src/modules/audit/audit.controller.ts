import { AuditEntryDto, AuditVerifyResponse, Paged, Roles as R } from '@dqw/shared-types';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/auth/access.decorators';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditPage, AuditVerifyResult } from './dto/audit-responses.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(R.Admin)
  @ApiOperation({ summary: 'List audit entries (filters: actor, action, entity, time), newest first' })
  @ApiOkResponse({ type: AuditPage })
  list(@Query() q: AuditQueryDto): Promise<Paged<AuditEntryDto>> {
    return this.audit.list(q);
  }

  @Get('verify')
  @Roles(R.Admin)
  @ApiOperation({ summary: 'Verify the hash chain of the whole log' })
  @ApiOkResponse({ type: AuditVerifyResult })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }
}
