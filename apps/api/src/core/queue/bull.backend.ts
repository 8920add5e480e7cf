import { Logger } from '@nestjs/common';
import Bull from 'bull';
import Redis, { type RedisOptions } from 'ioredis';
import { PermanentJobError, type JobHandlerFn } from './job-context';
import { QueueUnavailableError, type QueueBackend, type QueueCounts } from './queue-backend';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  QUEUE_NAMES,
  type EnqueueOptions,
  type QueueName,
} from './queue.constants';

export interface BullBackendOptions {
  redisUrl: string;
  /** Key prefix in Redis, so several installations (or test runs) can share one server. */
  prefix: string;
  /** How often Bull looks for jobs whose worker died (SIGKILL) to hand them to another worker. */
  stalledIntervalMs: number;
  lockDurationMs: number;
  /** Longest time an enqueue may wait on Redis before the API gives up with 503. */
  enqueueTimeoutMs: number;
}

const KEEP_FINISHED = 1000;

/** Production queues: Bull on Redis, consumed by any number of worker processes. */
export class BullQueueBackend implements QueueBackend {
  readonly kind = 'bull' as const;
  private readonly logger = new Logger('BullQueue');
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly blockingClients: Redis[] = [];
  readonly queues = new Map<QueueName, Bull.Queue>();

  constructor(private readonly opts: BullBackendOptions) {
    // One command client and one subscriber shared by all queues; Bull needs its own blocking clients.
    const shared: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };
    this.client = new Redis(opts.redisUrl, shared);
    this.subscriber = new Redis(opts.redisUrl, shared);
    for (const c of [this.client, this.subscriber]) c.on('error', () => undefined); // status is what we read
    for (const name of QUEUE_NAMES) {
      this.queues.set(
        name,
        new Bull(name, {
          prefix: opts.prefix,
          createClient: (type, redisOpts) => {
            if (type === 'client') return this.client;
            if (type === 'subscriber') return this.subscriber;
            const c = new Redis(opts.redisUrl, { ...redisOpts, ...shared });
            c.on('error', () => undefined);
            this.blockingClients.push(c);
            return c;
          },
          settings: {
            stalledInterval: opts.stalledIntervalMs,
            lockDuration: opts.lockDurationMs,
            maxStalledCount: 2,
          },
        }),
      );
    }
  }

  isAvailable(): boolean {
    return this.client.status === 'ready';
  }

  async acquireLeadership(name: string, holder: string, ttlMs: number): Promise<boolean> {
    if (!this.isAvailable()) return false;
    const key = `${this.opts.prefix}:leader:${name}`;
    // Take the lease if free, or extend it if it is already ours; atomic so two schedulers never both lead.
    const result = await this.client.eval(
      `local v = redis.call('GET', KEYS[1])
       if v == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
       if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
       return 0`,
      1,
      key,
      holder,
      String(ttlMs),
    );
    return result === 1;
  }

  async isPending(queue: QueueName, jobId: string): Promise<boolean> {
    const job = await this.get(queue).getJob(jobId);
    if (!job) return false;
    return ['waiting', 'active', 'delayed', 'paused'].includes(await job.getState());
  }

  async forget(queue: QueueName, jobId: string): Promise<void> {
    const job = await this.get(queue).getJob(jobId);
    if (job && ['completed', 'failed'].includes(await job.getState())) await job.remove();
  }

  async enqueue(
    queue: QueueName,
    name: string,
    data: unknown,
    opts: EnqueueOptions,
  ): Promise<{ id: string }> {
    if (!this.isAvailable()) throw new QueueUnavailableError();
    const q = this.get(queue);
    const add = q.add(name, data, {
      jobId: opts.jobId,
      attempts: opts.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: opts.backoffMs ?? DEFAULT_BACKOFF_MS },
      delay: opts.delayMs,
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError()), this.opts.enqueueTimeoutMs);
    });
    try {
      const job = await Promise.race([add, timeout]);
      return { id: String(job.id) };
    } finally {
      clearTimeout(timer);
    }
  }

  async startWorkers(
    handlers: Map<string, JobHandlerFn>,
    concurrency: Record<QueueName, number>,
  ): Promise<void> {
    for (const name of QUEUE_NAMES) {
      const q = this.get(name);
      // One processor per queue that dispatches by job name: a job name without a handler fails loudly.
      void q.process('*', concurrency[name], async (job) => {
        const handler = handlers.get(`${name}:${job.name}`);
        const maxAttempts = job.opts.attempts ?? 1;
        try {
          if (!handler) throw new PermanentJobError(`No handler for ${name}:${job.name}`);
          return await handler({
            id: String(job.id),
            queue: name,
            name: job.name,
            data: job.data,
            attempt: job.attemptsMade + 1,
            maxAttempts,
            progress: async (p) => {
              await job.progress(p);
            },
          });
        } catch (err) {
          if (err instanceof PermanentJobError) await job.discard();
          throw err;
        }
      });
      q.on('failed', (job, err) => this.logger.warn(`${name}:${job.name} ${job.id} failed: ${err.message}`));
    }
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const q = this.get(queue);
    const c = await q.getJobCounts();
    const workers = await q.getWorkers().catch(() => []);
    return { ...c, workers: workers.length };
  }

  async close(): Promise<void> {
    // Bull's close waits for active jobs of this process to finish before disconnecting.
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    for (const c of [this.client, this.subscriber, ...this.blockingClients]) c.disconnect();
  }

  private get(queue: QueueName): Bull.Queue {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`Unknown queue ${queue}`);
    return q;
  }
}
