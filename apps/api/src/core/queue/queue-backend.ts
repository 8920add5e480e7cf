import type { JobHandlerFn } from './job-context';
import type { EnqueueOptions, QueueName } from './queue.constants';

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  workers: number;
}

/** The two runners behind the typed JobQueue: Bull on Redis, or in-process for the embedded mode. */
export interface QueueBackend {
  readonly kind: 'bull' | 'in-process';
  enqueue(queue: QueueName, name: string, data: unknown, opts: EnqueueOptions): Promise<{ id: string }>;
  /** Starts consuming jobs with these handlers (key `queue:name`). */
  startWorkers(handlers: Map<string, JobHandlerFn>, concurrency: Record<QueueName, number>): Promise<void>;
  counts(queue: QueueName): Promise<QueueCounts>;
  /** True while the job with this id waits, runs or waits for a retry (false once it finished or never was). */
  isPending(queue: QueueName, jobId: string): Promise<boolean>;
  /** Forgets a finished job's id, so an enqueue with it runs again (recovery of lost work). */
  forget(queue: QueueName, jobId: string): Promise<void>;
  /** False while the backing store can't take jobs (Redis down): producers answer 503 instead of hanging. */
  isAvailable(): boolean;
  /**
   * Leader election for the scheduler role: true while `holder` holds the named lease (renewed on each
   * call). In-process there is only one process, so it always leads.
   */
  acquireLeadership(name: string, holder: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  constructor() {
    super('The job queue is unavailable (Redis is not reachable). Try again in a moment.');
  }
}
