import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { JobHandlerFn } from './job-context';
import { JOB_HANDLER_METADATA, type JobHandlerMeta } from './job-handler.decorator';
import type { QueueBackend, QueueCounts } from './queue-backend';
import {
  JOB_NAMES,
  QUEUE_NAMES,
  type EnqueueOptions,
  type JobName,
  type JobPayload,
  type QueueName,
} from './queue.constants';

export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');
export const QUEUE_OPTIONS = Symbol('QUEUE_OPTIONS');

export interface QueueModuleOptions {
  /** Consume jobs in this process (embedded mode and the worker role). */
  runWorkers: boolean;
  /** Enqueue periodic jobs (the scheduler role). */
  runScheduler?: boolean;
  schedulerTickMs?: number;
  concurrency: Record<QueueName, number>;
  /** Jobs that must have a handler; defaults to JOB_NAMES. */
  jobNames?: { [Q in QueueName]: readonly string[] };
}

/** The one typed way to enqueue work, and the start-up wiring of handlers to the backend. */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private periodic: { queue: QueueName; name: string; everyMs: number }[] = [];
  private handlers = new Map<string, JobHandlerFn>();

  constructor(
    @Inject(QUEUE_BACKEND) readonly backend: QueueBackend,
    @Inject(QUEUE_OPTIONS) private readonly options: QueueModuleOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  get kind(): QueueBackend['kind'] {
    return this.backend.kind;
  }

  isAvailable(): boolean {
    return this.backend.isAvailable();
  }

  enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobPayload<Q, N>,
    opts: EnqueueOptions,
  ): Promise<{ id: string }> {
    return this.backend.enqueue(queue, name, data, opts);
  }

  /**
   * Enqueues the job again under its id unless it is still pending: for work the database says is
   * unfinished but whose job was lost (a worker killed more often than Bull's stall limit allows).
   */
  async enqueueUnlessPending<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobPayload<Q, N>,
    opts: EnqueueOptions,
  ): Promise<boolean> {
    if (await this.backend.isPending(queue, opts.jobId)) return false;
    await this.backend.forget(queue, opts.jobId);
    await this.backend.enqueue(queue, name, data, opts);
    return true;
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (q) => [q, await this.backend.counts(q)] as const),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
  }

  /** Jobs declared with `@JobHandler(…, { everyMs })`, for the scheduler. */
  periodicJobs(): readonly { queue: QueueName; name: string; everyMs: number }[] {
    return this.periodic;
  }

  /** Discovery runs before any bootstrap hook, so the scheduler sees the periodic jobs on its first tick. */
  onModuleInit(): void {
    this.handlers = this.discoverHandlers();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.runWorkers) {
      await this.backend.startWorkers(this.handlers, this.options.concurrency);
      this.logger.log(`${this.backend.kind} workers consuming ${this.handlers.size} job types`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }

  /** Finds every @JobHandler method; a listed job without one, or one claimed twice, stops start-up. */
  private discoverHandlers(): Map<string, JobHandlerFn> {
    const handlers = new Map<string, JobHandlerFn>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = proto[method];
        if (typeof fn !== 'function') continue;
        const meta = Reflect.getMetadata(JOB_HANDLER_METADATA, fn) as JobHandlerMeta | undefined;
        if (!meta) continue;
        const key = `${meta.queue}:${meta.name}`;
        if (handlers.has(key)) throw new Error(`Job ${key} has two handlers`);
        handlers.set(key, (job) => (fn as JobHandlerFn).call(instance, job));
        if (meta.everyMs) this.periodic.push({ queue: meta.queue, name: meta.name, everyMs: meta.everyMs });
      }
    }
    const expected = this.options.jobNames ?? JOB_NAMES;
    const missing = QUEUE_NAMES.flatMap((q) => expected[q].map((n) => `${q}:${n}`)).filter(
      (k) => !handlers.has(k),
    );
    if (missing.length) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
    const unknown = [...handlers.keys()].filter((k) => {
      const [q, n] = k.split(':') as [QueueName, string];
      return !expected[q]?.includes(n);
    });
    if (unknown.length)
      throw new Error(`Handler(s) for job(s) not listed in JOB_NAMES: ${unknown.join(', ')}`);
    return handlers;
  }
}
