import type { ServerEvent } from '@dqw/shared-types';
import { InMemoryEventBus, RedisEventBus } from '../../src/core/events';
import { TEST_REDIS_URL, redisAvailable, uniquePrefix } from '../support/redis';

const hasRedis = await redisAvailable();

describe('event bus', () => {
  it('delivers to every subscriber in one process and stops after unsubscribe', () => {
    const bus = new InMemoryEventBus();
    const a: ServerEvent[] = [];
    const b: ServerEvent[] = [];
    const offA = bus.subscribe((e) => a.push(e));
    bus.subscribe((e) => b.push(e));
    bus.publish({ type: 'run.updated', data: { id: 'r1' } });
    offA();
    bus.publish({ type: 'run.updated', data: { id: 'r2' } });
    expect(a.map((e) => e.data['id'])).toEqual(['r1']);
    expect(b.map((e) => e.data['id'])).toEqual(['r1', 'r2']);
    expect(typeof b[0]?.at).toBe('string');
  });

  it.runIf(hasRedis)('carries events between two processes through Redis', async () => {
    const prefix = uniquePrefix('events');
    const worker = new RedisEventBus(TEST_REDIS_URL, prefix);
    const web1 = new RedisEventBus(TEST_REDIS_URL, prefix);
    const web2 = new RedisEventBus(TEST_REDIS_URL, prefix);
    const other = new RedisEventBus(TEST_REDIS_URL, uniquePrefix('other'));
    const seen: string[] = [];
    web1.subscribe((e) => seen.push(`web1:${String(e.data['id'])}`));
    web2.subscribe((e) => seen.push(`web2:${String(e.data['id'])}`));
    other.subscribe((e) => seen.push(`other:${String(e.data['id'])}`));
    await new Promise((r) => setTimeout(r, 200)); // subscriptions settle
    worker.publish({ type: 'run.progress', data: { id: 'r9', progress: 50 } });
    const t0 = Date.now();
    while (seen.length < 2 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(seen.sort()).toEqual(['web1:r9', 'web2:r9']);
    await Promise.all([worker, web1, web2, other].map((b) => b.close()));
  });
});
