import { Roles as R, type SlaSettingsDto } from '@dqw/shared-types';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../../core/auth/current-principal.decorator';
import type { Principal } from '../../../core/auth/principal';
import { ErrorBodyDto } from '../../../core/http/error-body.dto';
import { SlaSettingsResponse, UpdateSlaSettingsDto } from './sla.dto';
import { SlaService } from './sla.service';

@ApiTags('settings')
@Controller('settings/sla')
export class SlaController {
  constructor(private readonly sla: SlaService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'SLA policy per severity: minutes to acknowledge and to resolve' })
  @ApiOkResponse({ type: SlaSettingsResponse })
  get(): Promise<SlaSettingsDto> {
    return this.sla.get();
  }

  @Put()
  @Roles(R.Admin)
  @ApiOperation({
    summary: 'Replace the SLA policy (all three severities); applies to incidents opened later',
  })
  @ApiOkResponse({ type: SlaSettingsResponse })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'A severity missing or twice, resolve shorter than ack',
  })
  put(@Body() dto: UpdateSlaSettingsDto, @CurrentPrincipal() p: Principal): Promise<SlaSettingsDto> {
    return this.sla.update(dto, p);
  }
}
