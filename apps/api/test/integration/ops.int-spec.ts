import type { QueuesResponse, ServerEvent } from '@dqw/shared-types';
import { Roles } from '@dqw/shared-types';
import type { AddressInfo } from 'node:net';
import { EventBus } from '../../src/core/events';
import { JobQueue, SchedulerService } from '../../src/core/queue';
import { MetricsService } from '../../src/modules/metrics/metrics.service';
import type { RunOutcome } from '../../src/modules/rules/runs/run-outcome-hooks';
import { TEST_REDIS_URL, dropPrefix, redisAvailable, uniquePrefix } from '../support/redis';
import { startTestApp, type TestApp } from '../support/test-app';

const hasRedis = await redisAvailable();
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/** Opens the SSE stream with a cookie and collects parsed events until `stop()`. */
async function openStream(t: TestApp, cookie: string) {
  if (!t.server.listening) await new Promise<void>((r) => t.server.listen(0, '127.0.0.1', r));
  const { port } = t.server.address() as AddressInfo;
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { cookie }, signal: ac.signal });
  const events: ServerEvent[] = [];
  const reader = res.body?.getReader();
  let buffer = '';
  const pump = (async () => {
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as ServerEvent);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    stop: async () => {
      ac.abort();
      await pump;
    },
  };
}

const cookieOf = (c: { agent: { jar: { getCookies(o: object): { toValueString(): string }[] } } }): string =>
  c.agent.jar
    .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
    .map((x) => x.toValueString())
    .join('; ');

const until = async (check: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!check() && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 20));
};

describe('ops in embedded mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('summarises the in-process queues for engineers and refuses analysts', async () => {
    const eng = await t.loginAs(Roles.DataEngineer);
    const res = await eng.get('/api/queues').expect(200);
    const body = res.body as QueuesResponse;
    expect(body.backend).toBe('in-process');
    expect(body.available).toBe(true);
    expect(body.dashboardUrl).toBeNull();
    expect(body.queues.map((q) => q.name)).toEqual([
      'rule-runs',
      'profiling',
      'notifications',
      'maintenance',
    ]);
    expect(body.queues[0]).toMatchObject({ waiting: 0, active: 0, failed: 0, workers: 1 });
    const analyst = await t.loginAs(Roles.Analyst);
    await analyst.get('/api/queues').expect(403);
  });

  it('guards /admin/queues: sign-in redirect for browsers, 401 for scripts, 403 for other roles, a page for Admins', async () => {
    const anon = await t.http().get('/admin/queues').set('Accept', 'text/html');
    expect(anon.status).toBe(302);
    expect(anon.headers['location']).toBe('/login?returnUrl=%2Fadmin%2Fqueues');
    await t.http().get('/admin/queues').set('Accept', 'application/json').expect(401);
    const eng = await t.loginAs(Roles.DataEngineer);
    await eng.get('/admin/queues').expect(403);
    const admin = await t.loginAs(Roles.Admin);
    const page = await admin.get('/admin/queues').expect(200);
    expect(page.text).toContain('Embedded mode runs jobs inside the API process');
  });

  it('streams events to signed-in users, filtered by audience', async () => {
    const analyst = await t.loginAs(Roles.Analyst);
    const admin = await t.loginAs(Roles.Admin);
    const a = await openStream(t, cookieOf(analyst as never));
    const b = await openStream(t, cookieOf(admin as never));
    expect(a.status).toBe(200);
    expect(a.contentType).toContain('text/event-stream');
    const bus = t.app.get(EventBus);
    bus.publish({ type: 'run.updated', data: { id: 'run-1', status: 'passed' } });
    bus.publish({ type: 'queue.counts', data: { id: 'admins-only' }, audience: { roles: [Roles.Admin] } });
    bus.publish({
      type: 'run.updated',
      data: { id: 'for-admin-user' },
      audience: { userId: admin.me.user.id },
    });
    await until(() => b.events.length >= 3 && a.events.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.events.map((e) => e.data['id'])).toEqual(['run-1']);
    expect(b.events.map((e) => e.data['id'])).toEqual(['run-1', 'admins-only', 'for-admin-user']);
    await a.stop();
    await b.stop();
  });

  it('answers liveness and readiness, and reports the in-process worker', async () => {
    expect((await t.http().get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
    const full = await t.http().get('/api/health').expect(200);
    expect(full.body.checks.workers).toMatchObject({ status: 'ok', backend: 'in-process' });
  });

  it('serves Prometheus metrics to Admins only, with HTTP latencies and run counts', async () => {
    await t.http().get('/api/metrics').expect(401);
    const analyst = await t.loginAs(Roles.Analyst);
    await analyst.get('/api/metrics').expect(403);
    const metrics = t.app.get(MetricsService);
    const run = { status: 'failed', durationMs: 1500 } as RunOutcome['run'];
    metrics.recordRun({ run, rule: {} as RunOutcome['rule'] });
    const admin = await t.loginAs(Roles.Admin);
    const res = await admin.get('/api/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /dqw_http_request_duration_seconds_count\{method="GET",route="\/api\/metrics",status="403"\} 1/,
    );
    expect(res.text).toContain('dqw_runs_total{status="failed"} 1');
    expect(res.text).toContain('dqw_run_duration_seconds_bucket{le="1"} 0');
    expect(res.text).toContain('dqw_run_duration_seconds_bucket{le="2.5"} 1');
    expect(res.text).toContain('dqw_queue_jobs{queue="rule-runs",state="waiting"} 0');
    expect(res.text).toContain('dqw_queue_available 1');
    expect(res.text).toContain('dqw_process_cpu_seconds_total');
  });

  it('refuses the stream without a session', async () => {
    const res = await t.http().get('/api/events');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401 });
  });
});

describe.runIf(hasRedis)('ops with Redis (production queues)', () => {
  let web: TestApp;
  let worker: TestApp;
  const prefix = uniquePrefix('ops');
  beforeAll(async () => {
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SCHEDULER_TICK_MS: '600000',
      METRICS_TOKEN,
    };
    web = await startTestApp('sqlite', { env });
    // A second process of the same installation that runs the scheduler (and nothing is served by it).
    worker = await startTestApp('sqlite', { env, roles: { web: false, worker: true, scheduler: true } });
  });
  afterAll(async () => {
    await web?.close();
    await worker?.close();
    await dropPrefix(prefix);
  });

  it('reports Bull queues and serves bull-board to Admins', async () => {
    const admin = await web.loginAs(Roles.Admin);
    const body = (await admin.get('/api/queues').expect(200)).body as QueuesResponse;
    expect(body.backend).toBe('bull');
    expect(body.available).toBe(true);
    expect(body.dashboardUrl).toBe('/admin/queues');
    const page = await admin.get('/admin/queues').expect(200);
    expect(page.text).toContain('Watchtower queues');
    const analyst = await web.loginAs(Roles.Analyst);
    await analyst.get('/admin/queues').expect(403);
  });

  it('delivers an event published in a worker process to a stream on the web process', async () => {
    const analyst = await web.loginAs(Roles.Analyst);
    const s = await openStream(web, cookieOf(analyst as never));
    await new Promise((r) => setTimeout(r, 200)); // the Redis subscription settles
    worker.app.get(EventBus).publish({ type: 'run.progress', data: { id: 'r7', progress: 40 } });
    await until(() => s.events.length >= 1);
    expect(s.events.map((e) => e.data)).toEqual([{ id: 'r7', progress: 40 }]);
    await s.stop();
  });

  it('counts worker processes in health: none on the web-only process alone is degraded', async () => {
    const body = (await web.http().get('/api/health').expect(200)).body;
    // The second app instance runs workers, so Bull sees one consumer.
    expect(body.checks.workers).toMatchObject({ status: 'ok', backend: 'bull' });
    expect(body.checks.workers.workers).toBeGreaterThanOrEqual(1);
    await web.http().get('/api/health/ready').expect(200);
  });

  it('sums run metrics from every process in Redis and lets a scraper in with METRICS_TOKEN', async () => {
    const run = { status: 'passed', durationMs: 200 } as RunOutcome['run'];
    worker.app.get(MetricsService).recordRun({ run, rule: {} as RunOutcome['rule'] });
    web.app.get(MetricsService).recordRun({ run, rule: {} as RunOutcome['rule'] });
    await new Promise((r) => setTimeout(r, 100));
    const res = await web
      .http()
      .get('/api/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(res.text).toContain('dqw_runs_total{status="passed"} 2');
    expect(res.text).toMatch(/dqw_queue_workers\{queue="rule-runs"\} [1-9]/);
    await web
      .http()
      .get('/api/metrics')
      .set('Authorization', 'Bearer wrong-token-wrong-token-wrong')
      .expect(401);
  });

  it('lets exactly one of two schedulers lead', async () => {
    const a = worker.app.get(SchedulerService);
    const b = web.app.get(SchedulerService);
    const now = new Date('2026-11-26T10:00:30Z');
    await a.tick(now);
    await b.tick(now);
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    expect(web.app.get(JobQueue).kind).toBe('bull');
  });
});
