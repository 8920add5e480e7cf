import { HealthCheck, HealthResponse, HealthState } from '@dqw/shared-types';
import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../core/auth/access.decorators';
import { HealthService } from './health.service';

class HealthResult implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'Overall status' }) status!: HealthState;
  @ApiProperty({ enum: ['embedded', 'production'], description: 'Runtime mode' }) mode!:
    'embedded' | 'production';
  @ApiProperty({ description: 'API version' }) version!: string;
  @ApiProperty({
    description: 'Per component (database, disk, redis when configured): {status, message?, …details}',
    type: 'object',
    additionalProperties: { type: 'object' },
  })
  checks!: Record<string, HealthCheck>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Database, Redis (when configured), queue workers and free disk, with an overall status',
  })
  @ApiOkResponse({ type: HealthResult, description: 'ok or degraded' })
  @ApiServiceUnavailableResponse({ type: HealthResult, description: 'down (the database does not answer)' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health.check();
    res.status(result.status === 'down' ? 503 : 200);
    res.setHeader('Cache-Control', 'no-store');
    return result;
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and answering (for restarts by an orchestrator)' })
  @ApiOkResponse({ description: '{"status":"ok"}' })
  live(@Res({ passthrough: true }) res: Response): { status: 'ok' } {
    res.setHeader('Cache-Control', 'no-store');
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: the database (and Redis when configured) answer, so traffic may come',
  })
  @ApiOkResponse({ type: HealthResult, description: 'ready' })
  @ApiServiceUnavailableResponse({ type: HealthResult, description: 'not ready' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health.ready();
    res.status(result.status === 'ok' ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    return result;
  }
}
