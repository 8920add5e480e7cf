import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HealthCheck, HealthResponse, HealthState } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { Db } from '../../core/database/db.service';
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
  ) {}

  async check(): Promise<HealthResponse> {
    const checks: Record<string, HealthCheck> = {};
    const [database, disk, redis] = await Promise.all([
      this.database(),
      this.disk(),
      this.config.redisUrl ? this.redis(this.config.redisUrl) : Promise.resolve(null),
    ]);
    checks['database'] = database;
    checks['disk'] = disk;
    if (redis) checks['redis'] = redis;
    const states = Object.values(checks).map((c) => c.status);
    // Without the database nothing works; Redis down or low disk leaves part of the product usable.
    const status: HealthState =
      database.status === 'down' ? 'down' : states.every((s) => s === 'ok') ? 'ok' : 'degraded';
    return { status, mode: this.config.mode, version: APP_VERSION, checks };
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
