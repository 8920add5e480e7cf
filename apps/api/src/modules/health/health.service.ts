import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HealthCheck, HealthResponse, HealthState } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { Db } from '../../core/database/db.service';
import { JobQueue } from '../../core/queue';
import { APP_VERSION } from '../../version';

const TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Checks what the app needs to work. Messages never include connection strings or passwords. */
@Injectable()
export class HealthService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly db: Db,
    private readonly queue: JobQueue,
  ) {}

  async check(): Promise<HealthResponse> {
    const checks: Record<string, HealthCheck> = {};
    const [database, disk, redis, workers] = await Promise.all([
      this.database(),
      this.disk(),
      this.config.redisUrl ? this.redis(this.config.redisUrl) : Promise.resolve(null),
      this.workers(),
    ]);
    checks['database'] = database;
    checks['disk'] = disk;
    if (redis) checks['redis'] = redis;
    checks['workers'] = workers;
    const states = Object.values(checks).map((c) => c.status);
    // Without the database nothing works; Redis down or low disk leaves part of the product usable.
    const status: HealthState =
      database.status === 'down' ? 'down' : states.every((s) => s === 'ok') ? 'ok' : 'degraded';
    return { status, mode: this.config.mode, version: APP_VERSION, checks };
  }

  /**
   * Readiness for a load balancer: this process can serve requests (the database answers, and Redis
   * when configured). Disk and workers don't make a web process unready.
   */
  async ready(): Promise<HealthResponse> {
    const [database, redis] = await Promise.all([
      this.database(),
      this.config.redisUrl ? this.redis(this.config.redisUrl) : Promise.resolve(null),
    ]);
    const checks: Record<string, HealthCheck> = { database, ...(redis ? { redis } : {}) };
    const status: HealthState = Object.values(checks).every((c) => c.status === 'ok') ? 'ok' : 'down';
    return { status, mode: this.config.mode, version: APP_VERSION, checks };
  }

  private async workers(): Promise<HealthCheck> {
    if (this.queue.kind === 'in-process') return { status: 'ok', backend: 'in-process', workers: 1 };
    try {
      const counts = await withTimeout(this.queue.counts(), 'The queue');
      const workers = counts['rule-runs'].workers;
      return workers > 0
        ? { status: 'ok', backend: 'bull', workers }
        : {
            status: 'degraded',
            backend: 'bull',
            workers,
            message: 'No worker process is consuming the queues',
          };
    } catch (e) {
      return { status: 'degraded', backend: 'bull', message: `Queue: ${message(e)}` };
    }
  }

  private async database(): Promise<HealthCheck> {
    const started = Date.now();
    try {
      await withTimeout(this.db.dataSource.query('SELECT 1'), 'The database');
      return { status: 'ok', dialect: this.db.dialect, latencyMs: Date.now() - started };
    } catch (e) {
      return { status: 'down', dialect: this.db.dialect, message: message(e) };
    }
  }

  private async redis(url: string): Promise<HealthCheck> {
    const started = Date.now();
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await withTimeout(client.connect(), 'Redis');
      await withTimeout(client.ping(), 'Redis');
      return { status: 'ok', latencyMs: Date.now() - started };
    } catch (e) {
      return { status: 'down', message: `Redis: ${message(e)}` };
    } finally {
      client.disconnect();
    }
  }

  private async disk(): Promise<HealthCheck> {
    let dir = this.config.dataDir;
    for (;;) {
      try {
        const s = await statfs(dir);
        const freeMb = Math.floor((s.bavail * s.bsize) / 1024 / 1024);
        const low = freeMb < this.config.diskMinFreeMb;
        return {
          status: low ? 'degraded' : 'ok',
          freeMb,
          minFreeMb: this.config.diskMinFreeMb,
          ...(low ? { message: `Only ${freeMb} MB free under DATA_DIR` } : {}),
        };
      } catch (e) {
        // DATA_DIR may not exist yet in production mode: measure the nearest existing parent.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) {
          return { status: 'degraded', message: `Cannot read free disk space: ${message(e)}` };
        }
        dir = dirname(dir);
      }
    }
  }
}
