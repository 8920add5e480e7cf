import type {
  CreatedNotificationChannelDto,
  DatasetDetailDto,
  MeResponse,
  NotificationDeliveryDto,
  Paged,
} from '@dqw/shared-types';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { WebhookReceiver } from '../support/notifications-receivers';
import { createTestSchema, dropTestSchema, postgresAvailable, TEST_DATABASE_URL } from '../support/postgres';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../support/redis';
import { ordersCsv } from '../support/rules-data';
import { Api, ensureBuilt, startApi, startWorker, type Proc } from '../support/rules-processes';
import {
  BURST_RULES,
  burst,
  drained,
  expectedFailed,
  incidentsOf,
  received,
  runsOf,
  versionReady,
  versionRows,
  type BurstDataset,
  type BurstResult,
} from '../support/scale-burst';
import {
  nginxAvailable,
  sleep,
  SseClient,
  startNginx,
  startScheduler,
  type Nginx,
} from '../support/scale-cluster';
import { TEST_ENCRYPTION_KEY } from '../support/test-app';

/**
 * Production shape on this machine (DESIGN §3): nginx in front of 2 API processes, 2 workers and the
 * scheduler role on PostgreSQL and Redis. Bursts of uploads and run requests go through nginx; the
 * second one loses a worker, an API process and the leading scheduler to SIGKILL half-way.
 */
const ready = (await postgresAvailable()) && (await redisAvailable()) && nginxAvailable();
const ADMIN = { email: 'scale-admin@test.local', password: 'Scale-Admin-Password-1' };

describe.skipIf(!ready)('scale: 2 API processes, 2 workers, schedulers behind nginx', () => {
  const prefix = uniquePrefix('scale');
  const procs: Proc[] = [];
  let dir: string;
  let schema: string;
  let env: NodeJS.ProcessEnv;
  let apiA: Proc & { base: string };
  let apiB: Proc & { base: string };
  let workerA: Proc;
  let schedulers: Proc[];
  let nginx: Nginx;
  let hook: WebhookReceiver;
  let api: Api; // through nginx
  const datasets: BurstDataset[] = [];
  let scheduled: { datasetId: string; ruleId: string };
  let channelId: string;
  let takeover: { killedAt: number; deadPid: number } | undefined;
  /** Every run id any answer named, over all bursts. */
  const answered = new Set<string>();

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'dqw-scale-'));
    schema = await createTestSchema('scale');
    hook = await WebhookReceiver.start();
    env = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: join(dir, 'data'),
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
      WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_SCRYPT_COST: '10',
      TRUST_PROXY: 'loopback',
      // A SIGKILLed worker's jobs go to the other worker after about this long.
      QUEUE_STALLED_INTERVAL_MS: '2000',
      QUEUE_ENQUEUE_TIMEOUT_MS: '2000',
      // Scheduler ticks each second, so its lease (3 ticks, at least 5 s) passes on quickly.
      SCHEDULER_TICK_MS: '1000',
      NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
      NOTIFY_BACKOFF_MS: '50',
      NOTIFY_TIMEOUT_MS: '5000',
    };
    // The first API process applies the migrations; the others start on the migrated schema.
    apiA = await startApi(env, dir);
    [apiB, workerA] = await Promise.all([startApi(env, dir), startWorker(env, dir, 'worker-a')]);
    procs.push(apiA, apiB, workerA, await startWorker(env, dir, 'worker-b'));
    const info = { ...env, LOG_LEVEL: 'info' }; // the schedulers say when they lead
    schedulers = [
      await startScheduler(info, dir, 'scheduler-1'),
      await startScheduler(info, dir, 'scheduler-2'),
    ];
    procs.push(...schedulers);
    nginx = await startNginx(
      join(dir, 'nginx'),
      [apiA, apiB].map((p) => Number(new URL(p.base).port)),
    );
    api = await Api.asAdmin(nginx.base, ADMIN.email, ADMIN.password);

    channelId = (
      await api.ok<CreatedNotificationChannelDto>(
        'POST',
        '/api/notification-channels',
        { name: 'scale hook', type: 'webhook', url: hook.url, secret: 'scale-webhook-secret-01' },
        201,
      )
    ).id;
    for (const name of ['orders-a', 'orders-b', 'orders-c']) {
      const up = await api.upload(ordersCsv(1000), { name, fileName: `${name}.csv` });
      versionRows.set(up.version.id, 1000);
      await api.ready(up.dataset.id, up.version.id);
      const ruleIds: string[] = [];
      for (const r of BURST_RULES) {
        const body = { datasetId: up.dataset.id, name: `${name} ${r.dsl}`, dsl: r.dsl };
        ruleIds.push((await api.ok<{ id: string }>('POST', '/api/rules', body, 201)).id);
      }
      datasets.push({ id: up.dataset.id, ruleIds });
    }
    const up = await api.upload(ordersCsv(100), { name: 'scheduled', fileName: 'scheduled.csv' });
    versionRows.set(up.version.id, 100);
    await api.ready(up.dataset.id, up.version.id);
    const rule = await api.ok<{ id: string }>(
      'POST',
      '/api/rules',
      { datasetId: up.dataset.id, name: 'every minute', dsl: 'UNIQUE(id)', schedule: '* * * * *' },
      201,
    );
    scheduled = { datasetId: up.dataset.id, ruleId: rule.id };
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(
      procs.map(async (p) => {
        const t0 = Date.now();
        await p.stop();
        if (Date.now() - t0 > 5000) process.stderr.write(`${p.name} took ${Date.now() - t0} ms to stop\n`);
      }),
    );
    await hook?.close();
    await dropPrefix(prefix);
    if (schema) await dropTestSchema(schema);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  afterEach((ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const p of [...procs, nginx]) {
      const name = 'name' in p ? p.name : 'nginx';
      process.stderr.write(`--- ${name} (last output)\n${p.output().slice(-3000)}\n`);
    }
  });

  /** The lease key's holder is `<pid>:<uuid>` of the leading scheduler. */
  async function leaderPid(): Promise<number | null> {
    const r = new Redis(TEST_REDIS_URL);
    try {
      const v = await r.get(`${prefix}:leader:scheduler`);
      return v ? Number(v.split(':')[0]) : null;
    } finally {
      r.disconnect();
    }
  }

  /** The Bull job of a version's profiling, for failure messages. */
  async function jobState(versionId: string): Promise<string> {
    const r = new Redis(TEST_REDIS_URL);
    try {
      const id = `profile-version:${versionId}`;
      const job = await r.hgetall(`${prefix}:profiling:${id}`);
      const lists = await Promise.all(
        ['wait', 'active', 'delayed', 'completed', 'failed'].map(async (l) => {
          const key = `${prefix}:profiling:${l}`;
          const type = await r.type(key);
          const has =
            type === 'list'
              ? (await r.lrange(key, 0, -1)).includes(id)
              : type === 'zset'
                ? (await r.zscore(key, id)) !== null
                : false;
          return has ? l : null;
        }),
      );
      return JSON.stringify({ in: lists.filter(Boolean), job });
    } finally {
      r.disconnect();
    }
  }

  /** Signs in directly at one API process; returns the session cookie. */
  async function sessionCookie(base: string): Promise<string> {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    return login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  /** The minutes the every-minute rule ran for (from its runs' trigger keys, `schedule:<rule>:<minute>`). */
  async function scheduledMinutes(): Promise<number[]> {
    const c = new Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      const r = await c.query<{ trigger_key: string }>(
        `SELECT trigger_key FROM "${schema}".rule_runs WHERE rule_id = $1`,
        [scheduled.ruleId],
      );
      return r.rows.map((x) => Date.parse(x.trigger_key.split(':').slice(2).join(':'))).sort((a, b) => a - b);
    } finally {
      await c.end();
    }
  }

  /** Everything a burst asked for happened exactly once, with the right verdicts, incidents and messages. */
  async function expectExactlyOnce(b: BurstResult): Promise<void> {
    // Every answered upload is profiled; the version current after the burst then gets its upload runs
    // (a version superseded before its profile settled gets none: runs read the current version).
    for (const u of b.uploads) await versionReady(api, u.datasetId, u.versionId, 90_000, jobState);
    const current = new Map<string, string>();
    for (const d of datasets) {
      const v = (await api.ok<DatasetDetailDto>('GET', `/api/datasets/${d.id}`)).currentVersion?.id ?? '';
      current.set(d.id, v);
      const until = Date.now() + 60_000;
      while ((await runsOf(api, d.id, 'upload')).filter((r) => r.datasetVersionId === v).length < 3) {
        if (Date.now() > until) break; // the assertions below say what is missing
        await sleep(250);
      }
    }
    await drained(
      api,
      datasets.map((d) => d.id),
    );
    const ids = new Set<string>();
    for (const [key, got] of b.answers) {
      if (b.stuckKeys.includes(key) && got.length === 0) continue; // reported at the end
      expect(got.length, key).toBeGreaterThan(0);
      for (const g of got) expect(g, `answers for ${key}`).toEqual(got[0]);
      for (const r of got[0].runs) {
        expect(ids.has(r.id), `run ${r.id} answered for two keys`).toBe(false);
        ids.add(r.id);
        answered.add(r.id);
      }
    }
    const orphans: string[] = [];
    for (const d of datasets) {
      // Runs by id: every run the answers name exists once and finished; no other API run exists.
      const apiRuns = await runsOf(api, d.id, 'api');
      orphans.push(...apiRuns.filter((r) => !answered.has(r.id)).map((r) => `${r.id} ${r.status}`));
      const mine = apiRuns.filter((r) => ids.has(r.id));
      const wanted = [...b.answers]
        .filter(([k]) => b.keyDataset.get(k) === d.id)
        .flatMap(([, a]) => a[0]?.runs.map((r) => r.id) ?? []);
      expect(mine.map((r) => r.id).sort()).toEqual([...wanted].sort());
      // One result per rule per batch: the answered runs of one key are of different rules.
      for (const [k, a] of b.answers) {
        if (b.keyDataset.get(k) !== d.id || !a[0]) continue;
        expect(new Set(a[0].runs.map((r) => r.ruleId)).size, k).toBe(a[0].runs.length);
      }
      for (const r of mine) {
        const rule = BURST_RULES[d.ruleIds.indexOf(r.ruleId)];
        const failed = expectedFailed(rule, r.datasetVersionId);
        expect(r, `${r.ruleName}${r.error ? `: ${r.error}` : ''}`).toMatchObject({
          status: failed ? 'failed' : 'passed',
          failedCount: failed,
          rowsChecked: versionRows.get(r.datasetVersionId ?? ''),
        });
      }
      // Upload runs: one per rule for every version, whether or not its upload was answered.
      const uploadRuns = await runsOf(api, d.id, 'upload');
      const byVersion = new Map<string, string[]>();
      for (const r of uploadRuns) {
        byVersion.set(r.datasetVersionId ?? '', [
          ...(byVersion.get(r.datasetVersionId ?? '') ?? []),
          r.ruleId,
        ]);
        const rule = BURST_RULES[d.ruleIds.indexOf(r.ruleId)];
        expect(r.failedCount, r.ruleName).toBe(expectedFailed(rule, r.datasetVersionId));
      }
      // Never part of a batch, never a rule twice; the current version has one run per rule.
      for (const [v, rules] of byVersion)
        expect([...rules].sort(), `upload runs of version ${v}`).toEqual([...d.ruleIds].sort());
      expect(byVersion.has(current.get(d.id) ?? ''), 'upload runs of the current version').toBe(true);
    }
    // One incident per failing rule, none for the passing one.
    const opened: string[] = [];
    for (const d of datasets) {
      for (const [i, ruleId] of d.ruleIds.entries()) {
        const inc = await incidentsOf(api, ruleId);
        expect(inc.total, `incidents of ${BURST_RULES[i].dsl}`).toBe(
          BURST_RULES[i].dsl === 'UNIQUE(id)' ? 0 : 1,
        );
        opened.push(...inc.items.map((x) => x.id));
      }
    }
    // Every delivery settled, each event received once.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const log = await api.ok<Paged<NotificationDeliveryDto>>(
        'GET',
        `/api/notification-channels/${channelId}/deliveries?pageSize=200`,
      );
      const pending = log.items.filter((x) => x.status !== 'sent' && x.status !== 'failed');
      if (log.total >= opened.length && pending.length === 0) {
        expect(log.items.filter((x) => x.status === 'failed')).toEqual([]);
        break;
      }
      if (Date.now() > deadline) throw new Error(`deliveries not settled: ${JSON.stringify(pending)}`);
      await sleep(250);
    }
    const bodies = received(hook);
    const keys = bodies.map((x) => x.key);
    expect(keys.length).toBe(new Set(keys).size);
    const openedSeen = bodies.filter((x) => x.event === 'incident.opened').map((x) => x.incident?.id);
    expect([...openedSeen].sort()).toEqual([...opened].sort());
    // A key whose first request died with its API process must not stay "in progress" for good.
    expect(b.stuckKeys, 'Idempotency-Keys answered 409 forever').toEqual([]);
    expect(orphans, 'runs no answer named').toEqual([]);
  }

  it('one scheduler of two leads: it holds the lease, the other stands by', async () => {
    await sleep(2500);
    const pid = await leaderPid();
    const leader = schedulers.find((s) => s.proc.pid === pid);
    expect(leader, `lease holder pid ${pid}`).toBeDefined();
    const other = schedulers.find((s) => s !== leader) as Proc;
    expect(leader?.output()).toContain('this process now leads scheduling');
    expect(other.output()).not.toContain('this process now leads scheduling');
    // Renewed by its holder, not passed back and forth.
    await sleep(3000);
    expect(await leaderPid()).toBe(pid);
    expect(other.output()).not.toContain('this process now leads scheduling');
  });

  it('a session cookie from one API process works on the other, CSRF included', async () => {
    const login = await fetch(`${apiA.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as MeResponse;
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${apiB.base}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as MeResponse).user.email).toBe(ADMIN.email);
    const token = await fetch(`${apiB.base}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken ?? '' },
      body: JSON.stringify({ name: 'made on B' }),
    });
    expect(token.status).toBe(201);
    const out = await fetch(`${apiB.base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken ?? '' },
    });
    expect(out.status).toBeLessThan(300);
    expect((await fetch(`${apiA.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('a burst through nginx: every run once, one incident per failing rule, each notification once, SSE on both processes', async () => {
    const sse = await Promise.all(
      [apiA, apiB].map(async (p) => SseClient.connect(p.base, await sessionCookie(p.base))),
    );
    try {
      const b = await burst(api, datasets, { label: 'p1', uploads: 6, keys: 30, duplicated: 10 });
      expect(b.uploads).toHaveLength(6);
      await expectExactlyOnce(b);
      // A worker's run.updated reaches the clients of both web processes (Redis pub/sub).
      const runId = [...b.answers.values()][0][0].runs[0].id;
      for (const c of sse) {
        await c.waitFor((e) => e.type === 'run.updated' && (e.data as { id?: string }).id === runId);
      }
    } finally {
      await Promise.all(sse.map((c) => c.close()));
    }
  }, 200_000);

  it('SIGKILL of a worker, an API process and the leading scheduler mid-burst: nothing lost, nothing doubled', async () => {
    const sseB = await SseClient.connect(apiB.base, await sessionCookie(apiB.base));
    const lead = await leaderPid();
    const leaderProc = schedulers.find((s) => s.proc.pid === lead) as Proc;
    expect(leaderProc).toBeDefined();
    let killedAt = 0;
    let kills: Promise<unknown> | null = null;
    const b = await burst(api, datasets, {
      label: 'p2',
      uploads: 6,
      keys: 30,
      duplicated: 10,
      onSent: (n) => {
        if (n !== 10) return;
        killedAt = Date.now();
        kills = Promise.all([workerA.kill(), apiA.kill(), leaderProc.kill()]);
      },
    });
    await kills;
    process.stdout.write(`phase 2: burst answered in ${Date.now() - killedAt} ms after the kills\n`);
    expect(killedAt).toBeGreaterThan(0);
    takeover = { killedAt, deadPid: lead ?? 0 };
    process.stdout.write(`phase 2: ${b.retries} request(s) retried after the kills\n`);
    await expectExactlyOnce(b);
    const runId = [...b.answers.values()].at(-1)?.[0].runs[0].id;
    await sseB.waitFor((e) => e.type === 'run.updated' && (e.data as { id?: string }).id === runId);
    await sseB.close();
  }, 240_000);

  it('the other scheduler takes the lease over and fires the next minutes; the every-minute rule ran once per minute', async () => {
    expect(takeover).toBeDefined();
    const survivor = schedulers.find((s) => s.proc.pid !== takeover?.deadPid) as Proc;
    const deadline = Date.now() + 30_000;
    while ((await leaderPid()) !== survivor.proc.pid) {
      if (Date.now() > deadline) throw new Error(`lease still held by ${await leaderPid()}`);
      await sleep(250);
    }
    expect(survivor.output()).toContain('this process now leads scheduling');
    // A minute that starts after the kill is fired by the survivor.
    const after = Math.floor((takeover?.killedAt ?? 0) / 60_000) * 60_000 + 60_000;
    const until = Date.now() + 90_000;
    let minutes: number[] = [];
    for (;;) {
      const runs = await runsOf(api, scheduled.datasetId, 'schedule');
      minutes = await scheduledMinutes();
      if (runs.length && minutes.some((m) => m >= after) && runs.every((r) => r.status === 'passed')) break;
      if (Date.now() > until) throw new Error(`no scheduled run after the takeover: ${JSON.stringify(runs)}`);
      await sleep(500);
    }
    // Every minute from the first to the last fired exactly once: none twice, none lost in the takeover.
    const span = (minutes[minutes.length - 1] - minutes[0]) / 60_000 + 1;
    expect(minutes).toEqual(Array.from({ length: span }, (_, i) => minutes[0] + i * 60_000));
  }, 120_000);
});
