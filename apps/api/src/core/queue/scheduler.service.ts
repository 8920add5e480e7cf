import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobQueue, QUEUE_OPTIONS, type QueueModuleOptions } from './job-queue.service';

/**
 * The scheduler role: on every tick, enqueues each periodic job once for the current period. Job ids
 * are derived from the period (`sla-check:<period start>`), so even two schedulers could not double a
 * job; a Redis lease makes one of them the leader anyway, so only one does the work.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SchedulerService.name);
  private readonly holder = `${process.pid}:${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private leading = false;

  constructor(
    private readonly queue: JobQueue,
    @Inject(QUEUE_OPTIONS) private readonly options: QueueModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.runScheduler) return;
    const tickMs = this.options.schedulerTickMs ?? 10_000;
    this.timer = setInterval(
      () => void this.tick().catch((e) => this.logger.warn(`tick failed: ${String(e)}`)),
      tickMs,
    );
    this.timer.unref();
    void this.tick().catch((e) => this.logger.warn(`tick failed: ${String(e)}`));
  }

  /** Before the queues close (beforeApplicationShutdown), so no tick enqueues on a closed queue. */
  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** One scheduling pass at `now`; returns the job ids it enqueued (tests call it with a fixed clock). */
  async tick(now: Date = new Date()): Promise<string[]> {
    const tickMs = this.options.schedulerTickMs ?? 10_000;
    const leading = await this.queue.backend.acquireLeadership(
      'scheduler',
      this.holder,
      Math.max(3 * tickMs, 5_000),
    );
    if (leading !== this.leading)
      this.logger.log(leading ? 'this process now leads scheduling' : 'another process leads scheduling');
    this.leading = leading;
    if (!leading) return [];
    const ids: string[] = [];
    for (const job of this.queue.periodicJobs()) {
      const periodStart = Math.floor(now.getTime() / job.everyMs) * job.everyMs;
      const at = new Date(periodStart).toISOString();
      const { id } = await this.queue.backend.enqueue(
        job.queue,
        job.name,
        { at },
        { jobId: `${job.name}:${at}`, attempts: 1 },
      );
      ids.push(id);
    }
    return ids;
  }
}
