import { Roles as R, type QueueSummary, type QueuesResponse } from '@dqw/shared-types';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { JobQueue } from './job-queue.service';
import { QUEUE_NAMES } from './queue.constants';

class QueueSummaryDto implements QueueSummary {
  @ApiProperty({ enum: QUEUE_NAMES, description: 'Queue name (DESIGN §6)' }) name!: QueueSummary['name'];
  @ApiProperty({ description: 'Jobs waiting for a worker' }) waiting!: number;
  @ApiProperty({ description: 'Jobs running now' }) active!: number;
  @ApiProperty({ description: 'Recently completed jobs (the last 1,000 are kept)' }) completed!: number;
  @ApiProperty({ description: 'Jobs that failed after their last attempt (the last 1,000 are kept)' })
  failed!: number;
  @ApiProperty({ description: 'Jobs waiting for a retry backoff or a delay' }) delayed!: number;
  @ApiProperty({ description: 'Processes consuming this queue' }) workers!: number;
}

class QueuesResponseDto implements QueuesResponse {
  @ApiProperty({
    enum: ['bull', 'in-process'],
    description: 'Redis-backed Bull queues, or the embedded runner',
  })
  backend!: 'bull' | 'in-process';
  @ApiProperty({ description: 'false while Redis is unreachable: new runs are refused with 503' })
  available!: boolean;
  @ApiProperty({ type: [QueueSummaryDto], description: 'One entry per queue' }) queues!: QueueSummaryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'bull-board UI (Admins), null in embedded mode' })
  dashboardUrl!: string | null;
}

@ApiTags('queues')
@Controller('queues')
export class QueuesController {
  constructor(private readonly queue: JobQueue) {}

  @Get()
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Per queue: waiting, active, completed, failed, delayed jobs and worker count' })
  @ApiOkResponse({ type: QueuesResponseDto })
  async summary(): Promise<QueuesResponse> {
    const available = this.queue.isAvailable();
    const counts = available ? await this.queue.counts().catch(() => null) : null;
    const zero = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, workers: 0 };
    return {
      backend: this.queue.kind,
      available: available && counts !== null,
      queues: QUEUE_NAMES.map((name) => ({ name, ...(counts?.[name] ?? zero) })),
      dashboardUrl: this.queue.kind === 'bull' ? '/admin/queues' : null,
    };
  }
}
