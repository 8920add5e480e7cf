import { Roles as R, type ConnectionDto, type ConnectionTestResult } from '@dqw/shared-types';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../../core/auth/current-principal.decorator';
import type { Principal } from '../../../core/auth/principal';
import { ErrorBodyDto } from '../../../core/http/error-body.dto';
import { CreateConnectionDto, UpdateConnectionDto } from '../dto/connection-requests.dto';
import { ConnectionResponse, ConnectionTestResponse } from '../dto/dataset-responses.dto';
import { ConnectionsService, toConnectionDto } from './connections.service';

@ApiTags('connections')
@Controller('connections')
@Roles(R.DataEngineer)
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  @ApiOperation({ summary: 'Connections to external databases (credentials are never returned)' })
  @ApiOkResponse({ type: [ConnectionResponse] })
  list(): Promise<ConnectionDto[]> {
    return this.connections.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One connection' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such connection' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ConnectionDto> {
    return toConnectionDto(await this.connections.get(id));
  }

  @Post()
  @ApiOperation({
    summary: 'Add a connection (PostgreSQL, MySQL/MariaDB, SQLite); the spec is stored encrypted',
  })
  @ApiCreatedResponse({ type: ConnectionResponse })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Missing or bad fields, a SQLite path outside the sources folder',
  })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  async create(@Body() dto: CreateConnectionDto, @CurrentPrincipal() p: Principal): Promise<ConnectionDto> {
    return toConnectionDto(await this.connections.create(dto, p.userId));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a connection (omit password to keep it)' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Bad fields' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such connection' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'Name taken, or kind change while datasets use it',
  })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateConnectionDto,
  ): Promise<ConnectionDto> {
    return toConnectionDto(await this.connections.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a connection no dataset uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such connection' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Datasets use it' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.connections.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test a connection: reachability and the visible tables',
    description:
      'Answers within SOURCE_CONNECT_TIMEOUT_MS (plus a margin) with ok=false and a message when unreachable.',
  })
  @ApiOkResponse({ type: ConnectionTestResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such connection' })
  test(@Param('id', ParseUUIDPipe) id: string): Promise<ConnectionTestResult> {
    return this.connections.test(id);
  }
}
