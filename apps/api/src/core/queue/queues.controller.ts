import { Roles as R, type QueueSummary, type QueuesResponse } from '@dqw/shared-types';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { JobQueue } from './job-queue.service';
import { QUEUE_NAMES } from './queue.constants';

class QueueSummaryDto implements QueueSummary {
  @ApiProperty({ enum: QUEUE_NAMES }) name!: QueueSummary['name'];
  @ApiProperty() waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty({ description: 'Processes consuming this queue' }) workers!: number;
}

class QueuesResponseDto implements QueuesResponse {
  @ApiProperty({ enum: ['bull', 'in-process'] }) backend!: 'bull' | 'in-process';
  @ApiProperty({ description: 'false while Redis is unreachable: new runs are refused with 503' })
  available!: boolean;
  @ApiProperty({ type: [QueueSummaryDto] }) queues!: QueueSummaryDto[];
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
