import { SetMetadata } from '@nestjs/common';
import type { JobName, QueueName } from './queue.constants';

export const JOB_HANDLER_METADATA = 'dqw:job-handler';

export interface JobHandlerMeta {
  queue: QueueName;
  name: string;
  /** Periodic jobs: the scheduler role enqueues one per period, with an id derived from the period. */
  everyMs?: number;
}

/**
 * Marks a provider method as the handler of one job. The same method runs under Bull (worker processes)
 * and under the in-process runner (embedded mode), so both modes share one code path.
 */
export const JobHandler = <Q extends QueueName>(
  queue: Q,
  name: JobName<Q>,
  opts: { everyMs?: number } = {},
) => SetMetadata<string, JobHandlerMeta>(JOB_HANDLER_METADATA, { queue, name, ...opts });
