import { Logger } from '@nestjs/common';
import { PermanentJobError, type JobHandlerFn } from './job-context';
import type { QueueBackend, QueueCounts } from './queue-backend';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  QUEUE_NAMES,
  type EnqueueOptions,
  type QueueName,
} from './queue.constants';

interface PendingJob {
  id: string;
  queue: QueueName;
  name: string;
  data: unknown;
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
  runAt: number;
}

interface QueueState {
  waiting: PendingJob[];
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  /** Ids still known (waiting, active, delayed, or among the last finished): duplicates collapse like in Bull. */
  known: Set<string>;
  /** Ids enqueued and not finished yet. */
  pending: Set<string>;
  finishedOrder: string[];
}

const KEEP_FINISHED = 1000;

/**
 * The embedded mode's queue: the same handlers as the Bull workers, run in this process with the same
 * semantics that matter (deterministic ids collapse duplicates, retries with exponential backoff,
 * bounded concurrency). Jobs live in memory; domain state in the database lets callers re-enqueue
 * unfinished work at start-up.
 */
export class InProcessQueueBackend implements QueueBackend {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessQueue');
  private readonly state = new Map<QueueName, QueueState>();
  private handlers = new Map<string, JobHandlerFn>();
  private concurrency: Record<QueueName, number> = {
    'rule-runs': 1,
    profiling: 1,
    notifications: 2,
    maintenance: 1,
  };
  private started = false;
  private closing = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor() {
    for (const q of QUEUE_NAMES) {
      this.state.set(q, {
        waiting: [],
        active: 0,
        delayed: 0,
        completed: 0,
        failed: 0,
        known: new Set(),
        pending: new Set(),
        finishedOrder: [],
      });
    }
  }

  isAvailable(): boolean {
    return !this.closing;
  }

  async acquireLeadership(): Promise<boolean> {
    return !this.closing;
  }

  async enqueue(
    queue: QueueName,
    name: string,
    data: unknown,
    opts: EnqueueOptions,
  ): Promise<{ id: string }> {
    const s = this.get(queue);
    if (s.known.has(opts.jobId)) return { id: opts.jobId };
    s.known.add(opts.jobId);
    s.pending.add(opts.jobId);
    const job: PendingJob = {
      id: opts.jobId,
      queue,
      name,
      data,
      attempt: 1,
      maxAttempts: opts.attempts ?? DEFAULT_ATTEMPTS,
      backoffMs: opts.backoffMs ?? DEFAULT_BACKOFF_MS,
      runAt: Date.now() + (opts.delayMs ?? 0),
    };
    this.schedule(job);
    return { id: opts.jobId };
  }

  async startWorkers(
    handlers: Map<string, JobHandlerFn>,
    concurrency: Record<QueueName, number>,
  ): Promise<void> {
    this.handlers = handlers;
    this.concurrency = concurrency;
    this.started = true;
    for (const q of QUEUE_NAMES) this.pump(q);
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const s = this.get(queue);
    return {
      waiting: s.waiting.length,
      active: s.active,
      completed: s.completed,
      failed: s.failed,
      delayed: s.delayed,
      workers: this.started ? 1 : 0,
    };
  }

  /** Resolves when no job is waiting, delayed or running (tests and graceful shutdown use it). */
  onIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.state.values()) {
      s.delayed = 0;
      s.waiting = [];
    }
    // Let running jobs finish: the database must not be closed under them.
    while ([...this.state.values()].some((s) => s.active > 0)) await new Promise((r) => setTimeout(r, 20));
    this.notifyIdle();
  }

  private get(queue: QueueName): QueueState {
    const s = this.state.get(queue);
    if (!s) throw new Error(`Unknown queue ${queue}`);
    return s;
  }

  private schedule(job: PendingJob): void {
    if (this.closing) return;
    const s = this.get(job.queue);
    const wait = job.runAt - Date.now();
    if (wait > 0) {
      s.delayed += 1;
      const t = setTimeout(() => {
        this.timers.delete(t);
        s.delayed -= 1;
        s.waiting.push(job);
        this.pump(job.queue);
      }, wait);
      this.timers.add(t);
      return;
    }
    s.waiting.push(job);
    // Asynchronous like Bull: the producer's request returns before the job starts.
    setImmediate(() => this.pump(job.queue));
  }

  private pump(queue: QueueName): void {
    if (!this.started || this.closing) return;
    const s = this.get(queue);
    while (s.active < this.concurrency[queue] && s.waiting.length > 0) {
      const job = s.waiting.shift() as PendingJob;
      s.active += 1;
      void this.execute(job).finally(() => {
        s.active -= 1;
        this.pump(queue);
        if (this.isIdle()) this.notifyIdle();
      });
    }
    if (this.isIdle()) this.notifyIdle();
  }

  private async execute(job: PendingJob): Promise<void> {
    const s = this.get(job.queue);
    const handler = this.handlers.get(`${job.queue}:${job.name}`);
    try {
      if (!handler) throw new PermanentJobError(`No handler for ${job.queue}:${job.name}`);
      await handler({
        id: job.id,
        queue: job.queue,
        name: job.name,
        data: job.data,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        progress: async () => undefined,
      });
      s.completed += 1;
      this.finish(s, job.id);
    } catch (err) {
      const permanent = err instanceof PermanentJobError;
      if (!permanent && job.attempt < job.maxAttempts && !this.closing) {
        const delay = job.backoffMs * 2 ** (job.attempt - 1);
        this.logger.warn(
          `${job.queue}:${job.name} ${job.id} failed (attempt ${job.attempt}), retrying in ${delay} ms: ${String(err)}`,
        );
        this.schedule({ ...job, attempt: job.attempt + 1, runAt: Date.now() + delay });
        return;
      }
      this.logger.error(`${job.queue}:${job.name} ${job.id} failed for good: ${String(err)}`);
      s.failed += 1;
      this.finish(s, job.id);
    }
  }

  async isPending(queue: QueueName, jobId: string): Promise<boolean> {
    return this.get(queue).pending.has(jobId);
  }

  async forget(queue: QueueName, jobId: string): Promise<void> {
    const s = this.get(queue);
    if (!s.pending.has(jobId)) s.known.delete(jobId);
  }

  private finish(s: QueueState, id: string): void {
    s.pending.delete(id);
    s.finishedOrder.push(id);
    if (s.finishedOrder.length > KEEP_FINISHED) s.known.delete(s.finishedOrder.shift() as string);
  }

  private isIdle(): boolean {
    return [...this.state.values()].every((s) => s.active === 0 && s.waiting.length === 0 && s.delayed === 0);
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
