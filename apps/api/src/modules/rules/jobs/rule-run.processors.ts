import { Injectable } from '@nestjs/common';
import {
  JobHandler,
  type JobContext,
  type PeriodicJobPayload,
  type RunBatchPayload,
} from '../../../core/queue';
import { RunExecutor } from '../runs/run-executor.service';
import { RunMaintenance } from '../runs/run-maintenance.service';

/** Handlers of the rules' jobs: a few lines each, the work is in the services. */
@Injectable()
export class RuleRunProcessors {
  constructor(
    private readonly executor: RunExecutor,
    private readonly maintenance: RunMaintenance,
  ) {}

  @JobHandler('rule-runs', 'run-batch')
  runBatch(job: JobContext<RunBatchPayload>): Promise<unknown> {
    return this.executor.processBatch(job);
  }

  /** Enqueued by the scheduler role once a minute (job id per minute). */
  @JobHandler('maintenance', 'fire-schedules', { everyMs: 60_000 })
  fireSchedules(job: JobContext<PeriodicJobPayload>): Promise<unknown> {
    return this.maintenance.fireSchedules(new Date(job.data.at));
  }

  @JobHandler('maintenance', 'prune-evidence', { everyMs: 3_600_000 })
  pruneEvidence(job: JobContext<PeriodicJobPayload>): Promise<unknown> {
    return this.maintenance.pruneEvidence(new Date(job.data.at));
  }

  @JobHandler('maintenance', 'recover-runs', { everyMs: 60_000 })
  recoverRuns(job: JobContext<PeriodicJobPayload>): Promise<unknown> {
    return this.maintenance.recover(new Date(job.data.at));
  }
}
