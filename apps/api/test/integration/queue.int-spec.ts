import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  BullQueueBackend,
  InProcessQueueBackend,
  JobHandler,
  JobQueue,
  PermanentJobError,
  QueueModule,
  QueueUnavailableError,
  type JobContext,
  type JobHandlerFn,
  type QueueBackend,
  type QueueName,
} from '../../src/core/queue';
import { TEST_REDIS_URL, dropPrefix, redisAvailable, uniquePrefix } from '../support/redis';

const concurrency: Record<QueueName, number> = {
  'rule-runs': 2,
  profiling: 1,
  notifications: 2,
  maintenance: 1,
};
const hasRedis = await redisAvailable();

function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = async () => {
      if (await check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out waiting'));
      setTimeout(() => void tick(), 10);
    };
    void tick();
  });
}

type Backends = {
  name: string;
  make: () => Promise<{ backend: QueueBackend; cleanup: () => Promise<void> }>;
};
const backends: Backends[] = [
  {
    name: 'in-process',
    make: async () => {
      const backend = new InProcessQueueBackend();
      return { backend, cleanup: () => backend.close() };
    },
  },
];
if (hasRedis) {
  backends.push({
    name: 'bull on Redis',
    make: async () => {
      const prefix = uniquePrefix('queue');
      const backend = new BullQueueBackend({
        redisUrl: TEST_REDIS_URL,
        prefix,
        stalledIntervalMs: 5_000,
        lockDurationMs: 5_000,
        enqueueTimeoutMs: 2_000,
      });
      await waitFor(() => backend.isAvailable());
      return {
        backend,
        cleanup: async () => {
          await backend.close();
          await dropPrefix(prefix);
        },
      };
    },
  });
}

describe.each(backends)('queue backend: $name', ({ make }) => {
  let backend: QueueBackend;
  let cleanup: () => Promise<void>;
  const calls: JobContext<unknown>[] = [];
  let behaviour: (job: JobContext<unknown>) => Promise<unknown> = async () => undefined;

  beforeEach(async () => {
    calls.length = 0;
    behaviour = async () => undefined;
    ({ backend, cleanup } = await make());
    const handler: JobHandlerFn = async (job) => {
      calls.push(job);
      return behaviour(job);
    };
    await backend.startWorkers(new Map([['maintenance:test-job', handler]]), concurrency);
  });
  afterEach(async () => cleanup());

  it('collapses 50 concurrent enqueues with the same job id into one execution', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, () =>
        backend.enqueue('maintenance', 'test-job', { n: 1 }, { jobId: 'same-id' }),
      ),
    );
    expect(new Set(ids.map((r) => r.id))).toEqual(new Set(['same-id']));
    await waitFor(() => calls.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.data).toEqual({ n: 1 });
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    behaviour = async (job) => {
      if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
      return 'ok';
    };
    await backend.enqueue('maintenance', 'test-job', {}, { jobId: 'flaky', attempts: 3, backoffMs: 20 });
    await waitFor(() => calls.length === 3);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    await waitFor(() => false, 200).catch(() => undefined);
    const counts = await backend.counts('maintenance');
    expect(counts.failed).toBe(0);
    expect(calls).toHaveLength(3);
  });

  it('does not retry a permanent error', async () => {
    behaviour = async () => {
      throw new PermanentJobError('entity deleted');
    };
    await backend.enqueue('maintenance', 'test-job', {}, { jobId: 'perm', attempts: 5, backoffMs: 20 });
    await waitFor(() => calls.length === 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(1);
    await waitFor(() => false, 100).catch(() => undefined);
    expect((await backend.counts('maintenance')).failed).toBe(1);
  });

  it('knows a job is pending until it finishes; a forgotten finished id runs again, a pending one is kept', async () => {
    let release: () => void = () => undefined;
    behaviour = () => new Promise<void>((r) => (release = r));
    await backend.enqueue('maintenance', 'test-job', { n: 1 }, { jobId: 'lost' });
    expect(await backend.isPending('maintenance', 'lost')).toBe(true);
    await waitFor(() => calls.length === 1);
    expect(await backend.isPending('maintenance', 'lost')).toBe(true);
    await backend.forget('maintenance', 'lost'); // still running: nothing forgotten
    await backend.enqueue('maintenance', 'test-job', { n: 2 }, { jobId: 'lost' });
    release();
    await waitFor(async () => !(await backend.isPending('maintenance', 'lost')));
    await backend.enqueue('maintenance', 'test-job', { n: 3 }, { jobId: 'lost' }); // finished: collapses
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toHaveLength(1);
    behaviour = async () => undefined;
    await backend.forget('maintenance', 'lost');
    await backend.enqueue('maintenance', 'test-job', { n: 4 }, { jobId: 'lost' });
    await waitFor(() => calls.length === 2);
    expect(calls[1]?.data).toEqual({ n: 4 });
    expect(await backend.isPending('maintenance', 'never-enqueued')).toBe(false);
  });

  it('honours delays', async () => {
    const t0 = Date.now();
    await backend.enqueue('maintenance', 'test-job', {}, { jobId: 'later', delayMs: 300 });
    await waitFor(() => calls.length === 1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });
});

describe('bull backend without Redis', () => {
  it('refuses to enqueue at once with a clear error instead of hanging', async () => {
    const backend = new BullQueueBackend({
      redisUrl: 'redis://127.0.0.1:1',
      prefix: uniquePrefix('down'),
      stalledIntervalMs: 5_000,
      lockDurationMs: 5_000,
      enqueueTimeoutMs: 500,
    });
    const t0 = Date.now();
    await expect(backend.enqueue('maintenance', 'x', {}, { jobId: 'a' })).rejects.toBeInstanceOf(
      QueueUnavailableError,
    );
    expect(Date.now() - t0).toBeLessThan(1000);
    await backend.close();
  });
});

describe('JobQueue wiring in a Nest app', () => {
  @Injectable()
  class PingService {
    seen: string[] = [];
    @JobHandler('maintenance', 'ping' as never)
    async ping(job: JobContext<{ v: string }>) {
      this.seen.push(job.data.v);
    }
  }
  @Module({ providers: [PingService] })
  class PingModule {}

  const jobNames = { 'rule-runs': [], profiling: [], notifications: [], maintenance: ['ping'] };

  it('discovers @JobHandler methods and runs them in-process', async () => {
    const mod = await Test.createTestingModule({
      imports: [QueueModule.forRoot({ runWorkers: true, concurrency, jobNames }), PingModule],
    }).compile();
    const app = mod.createNestApplication();
    await app.init();
    const queue = app.get(JobQueue);
    await queue.backend.enqueue('maintenance', 'ping', { v: 'hello' }, { jobId: 'p1' });
    const svc = app.get(PingService);
    await waitFor(() => svc.seen.length === 1);
    expect(svc.seen).toEqual(['hello']);
    await app.close();
  });

  it('refuses to start when a listed job has no handler', async () => {
    const mod = await Test.createTestingModule({
      imports: [
        QueueModule.forRoot({
          runWorkers: true,
          concurrency,
          jobNames: { ...jobNames, profiling: ['profile'] },
        }),
        PingModule,
      ],
    }).compile();
    const app = mod.createNestApplication();
    await expect(app.init()).rejects.toThrow(/No handler registered for job\(s\): profiling:profile/);
    await app.close().catch(() => undefined);
  });
});
