import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../core/queue/job-handler.decorator';
import type { JobContext } from '../../../core/queue/job-context';
import type { JobPayloads } from '../../../core/queue/queue.constants';
import { ProfilingService } from './profiling.service';

/** `profiling:profile-version`: a few lines around the service, the same under Bull and in-process. */
@Injectable()
export class ProfileVersionHandler {
  constructor(private readonly profiling: ProfilingService) {}

  @JobHandler('profiling', 'profile-version')
  async handle(job: JobContext<JobPayloads['profiling']['profile-version']>): Promise<{ profiled: boolean }> {
    const profiled = await this.profiling.profileVersion(
      job.data.versionId,
      (p) => job.progress(p),
      job.attempt >= job.maxAttempts,
      job.data.revision,
    );
    return { profiled };
  }

  @JobHandler('maintenance', 'recover-profiles', { everyMs: 60_000 })
  async recover(): Promise<{ requeued: number }> {
    return { requeued: await this.profiling.recoverLost(new Date()) };
  }
}
