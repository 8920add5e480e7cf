import Redis from 'ioredis';

/**
 * Counters that must add up across processes: runs finish in worker processes, but Prometheus scrapes
 * the web processes. With Redis they live in one hash all processes increment; embedded, in memory.
 */
export interface MetricsStore {
  add(field: string, by: number): void;
  readAll(): Promise<Record<string, number>>;
  close(): void;
}

export class InMemoryMetricsStore implements MetricsStore {
  private readonly values = new Map<string, number>();
  add(field: string, by: number): void {
    this.values.set(field, (this.values.get(field) ?? 0) + by);
  }
  async readAll(): Promise<Record<string, number>> {
    return Object.fromEntries(this.values);
  }
  close(): void {
    this.values.clear();
  }
}

export class RedisMetricsStore implements MetricsStore {
  private readonly redis: Redis;
  constructor(
    url: string,
    private readonly key: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }
  add(field: string, by: number): void {
    // Best effort: a lost increment while Redis is down must never fail the run that caused it.
    this.redis.hincrbyfloat(this.key, field, by).catch(() => undefined);
  }
  async readAll(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.key);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }
  close(): void {
    this.redis.disconnect();
  }
}
