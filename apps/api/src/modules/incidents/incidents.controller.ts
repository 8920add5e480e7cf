import {
  Roles as R,
  type BulkIncidentResponse,
  type IncidentAssigneeDto,
  type IncidentDetailDto,
  type IncidentDto,
  type IncidentEventDto,
  type IncidentListResponse,
  type Paged,
} from '@dqw/shared-types';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyRole, Roles } from '../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { PageQueryDto } from '../../core/http/page-query.dto';
import {
  BulkIncidentDto,
  CreateCommentDto,
  IncidentListQueryDto,
  UpdateIncidentDto,
} from './dto/incident-requests.dto';
import {
  BulkIncidentResponseDto,
  IncidentAssigneeResponse,
  IncidentDetailResponse,
  IncidentEventPage,
  IncidentEventResponse,
  IncidentPage,
  IncidentResponse,
} from './dto/incident-responses.dto';
import { IncidentsService } from './incidents.service';

const TRANSITIONS_DOC =
  'Allowed: OPEN → ACKNOWLEDGED | MUTED | RESOLVED; ACKNOWLEDGED → RESOLVED | MUTED; MUTED → OPEN (unmute) | MUTED (new end); RESOLVED is final. Anything else answers 409 naming the allowed transitions.';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'List incidents (filters, sort, paging) with counts by status and severity',
  })
  @ApiOkResponse({ type: IncidentPage })
  list(@Query() q: IncidentListQueryDto, @CurrentPrincipal() p: Principal): Promise<IncidentListResponse> {
    return this.incidents.list(q, p);
  }

  @Get('assignees')
  @AnyRole()
  @ApiOperation({ summary: 'People incidents can be assigned to: active Admins and DataEngineers, by name' })
  @ApiOkResponse({ type: [IncidentAssigneeResponse] })
  assignees(): Promise<IncidentAssigneeDto[]> {
    return this.incidents.assignees();
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Acknowledge, mute, unmute, resolve or assign many incidents, each on its own' })
  @ApiOkResponse({ type: BulkIncidentResponseDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Bad ids, action or parameters' })
  bulk(@Body() dto: BulkIncidentDto, @CurrentPrincipal() p: Principal): Promise<BulkIncidentResponse> {
    return this.incidents.bulk(dto, p);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'One incident with its latest timeline and the transitions the caller may make' })
  @ApiOkResponse({ type: IncidentDetailResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such incident' })
  detail(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<IncidentDetailDto> {
    return this.incidents.detail(id, p);
  }

  @Get(':id/timeline')
  @AnyRole()
  @ApiOperation({ summary: 'The whole timeline of an incident, oldest first (paged)' })
  @ApiOkResponse({ type: IncidentEventPage })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such incident' })
  timeline(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Paged<IncidentEventDto>> {
    return this.incidents.timeline(id, q);
  }

  @Patch(':id')
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Change status and/or assignee', description: TRANSITIONS_DOC })
  @ApiOkResponse({ type: IncidentResponse })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Mute end in the past, resolve without reason or note, assignee not an active engineer',
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such incident' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Transition not allowed (details.allowed)' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateIncidentDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<IncidentDto> {
    return this.incidents.update(id, dto, p);
  }

  @Post(':id/comments')
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Add a comment to the timeline' })
  @ApiCreatedResponse({ type: IncidentEventResponse })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Empty or longer than 10,000 characters' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such incident' })
  comment(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCommentDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<IncidentEventDto> {
    return this.incidents.comment(id, dto.body, p);
  }
}
