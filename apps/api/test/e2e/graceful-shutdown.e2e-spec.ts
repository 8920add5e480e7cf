import type {
  CreatedTokenResponse,
  MeResponse,
  Paged,
  QueuesResponse,
  RunDetailDto,
  RunRulesResponse,
} from '@dqw/shared-types';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSchema, dropTestSchema, postgresAvailable, TEST_DATABASE_URL } from '../support/postgres';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../support/redis';
import { ordersCsv, ordersRules } from '../support/rules-data';
import { Api, ensureBuilt, startApi, startWorker, type Proc } from '../support/rules-processes';
import { runsOf, versionRows } from '../support/scale-burst';
import { sleep, SseClient } from '../support/scale-cluster';
import { TEST_ENCRYPTION_KEY } from '../support/test-app';

/** SIGTERM (what Docker and Kubernetes send) on a worker with a run in flight, and on an API process. */
const ready = (await postgresAvailable()) && (await redisAvailable());
const ADMIN = { email: 'stop-admin@test.local', password: 'Stop-Admin-Password-1' };

/** Waits for the process to end; its exit code (null when a signal ended it). */
function exited(p: Proc, ms: number): Promise<{ code: number | null; signal: string | null; at: number }> {
  return new Promise((resolve, reject) => {
    if (p.proc.exitCode !== null || p.proc.signalCode !== null)
      return resolve({ code: p.proc.exitCode, signal: p.proc.signalCode, at: Date.now() });
    const timer = setTimeout(() => reject(new Error(`${p.name} still running after ${ms} ms`)), ms);
    p.proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, at: Date.now() });
    });
  });
}

async function login(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const me = (await res.json()) as MeResponse;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: me.csrfToken ?? '' };
}

describe.skipIf(!ready)('graceful shutdown on SIGTERM', () => {
  const prefix = uniquePrefix('stop');
  const procs: Proc[] = [];
  let dir: string;
  let schema: string;
  let env: NodeJS.ProcessEnv;
  let apiA: Proc & { base: string };
  let apiB: Proc & { base: string };
  let api: Api;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'dqw-stop-'));
    schema = await createTestSchema('stop');
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
      QUEUE_STALLED_INTERVAL_MS: '2000',
      SCHEDULER_TICK_MS: '600000',
    };
    apiA = await startApi(env, dir);
    apiB = await startApi(env, dir);
    procs.push(apiA, apiB);
    api = await Api.asAdmin(apiB.base, ADMIN.email, ADMIN.password);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await dropPrefix(prefix);
    if (schema) await dropTestSchema(schema);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  afterEach((ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const p of procs) process.stderr.write(`--- ${p.name} (last output)\n${p.output().slice(-3000)}\n`);
  });

  const workersOf = async (queue: 'rule-runs') =>
    (await api.ok<QueuesResponse>('GET', '/api/queues')).queues.find((q) => q.name === queue)?.workers;

  it('a worker finishes the run in flight before it exits 0: one result per rule, its Redis connections closed', async () => {
    const rows = 200_000;
    const workerA = await startWorker(env, dir, 'worker-a');
    procs.push(workerA);
    const up = await api.upload(ordersCsv(rows), { name: 'orders-long', fileName: 'orders.csv' });
    versionRows.set(up.version.id, rows);
    await api.ready(up.dataset.id, up.version.id, 180_000);
    const expected = ordersRules(rows);
    const ruleIds: string[] = [];
    for (const r of expected) {
      const body = { datasetId: up.dataset.id, name: r.dsl, dsl: r.dsl };
      ruleIds.push((await api.ok<{ id: string }>('POST', '/api/rules', body, 201)).id);
    }
    expect(await workersOf('rule-runs')).toBe(1);
    const { runs } = await api.ok<RunRulesResponse>('POST', '/api/rules/run', { ruleIds }, 202);
    const deadline = Date.now() + 60_000;
    while ((await api.ok<RunDetailDto>('GET', `/api/runs/${runs[0].id}`)).status !== 'running') {
      if (Date.now() > deadline) throw new Error('the run never started');
      await sleep(20);
    }
    workerA.proc.kill('SIGTERM');
    const stillRunning = (await api.ok<RunDetailDto>('GET', `/api/runs/${runs[0].id}`)).status === 'running';
    const exit = await exited(workerA, 120_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    const done = await runsOf(api, up.dataset.id, 'api');
    expect(done).toHaveLength(expected.length);
    for (const [i, r] of runs.entries()) {
      const run = done.find((x) => x.id === r.id);
      expect(run).toMatchObject({
        status: expected[i].status,
        failedCount: expected[i].failed,
        rowsChecked: rows,
      });
      // Finished by the worker that was stopping, before it exited: not abandoned and run again.
      if (stillRunning) {
        expect(run?.attempts).toBe(1);
        expect(Date.parse(run?.finishedAt ?? '')).toBeLessThanOrEqual(exit.at);
      }
    }
    expect(stillRunning, 'the run was still running when SIGTERM arrived').toBe(true);
    const until = Date.now() + 10_000;
    while ((await workersOf('rule-runs')) !== 0 && Date.now() < until) await sleep(200);
    expect(await workersOf('rule-runs')).toBe(0);
  }, 400_000);

  it('an API process stops accepting, finishes the request in flight, ends event streams and exits 0', async () => {
    const { cookie, csrf } = await login(apiA.base);
    const token = (
      (await (
        await fetch(`${apiA.base}/api/auth/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          body: JSON.stringify({ name: 'stop' }),
        })
      ).json()) as CreatedTokenResponse
    ).token;
    const sse = await SseClient.connect(apiA.base, cookie);
    // An upload whose body is still arriving when SIGTERM comes.
    const csv = ordersCsv(2000);
    const boundary = 'dqwstop0123456789';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nslow upload\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const req = httpRequest(`${apiA.base}/api/datasets`, {
      method: 'POST',
      agent: false,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + csv.length + tail.length),
      },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    req.write(head);
    req.write(csv.subarray(0, 1000));
    await sleep(500);

    apiA.proc.kill('SIGTERM');
    const exit = exited(apiA, 30_000);
    // New connections are refused while the upload is still in flight.
    const until = Date.now() + 5_000;
    let refused = false;
    while (!refused && Date.now() < until) {
      // A connection of its own (fetch would reuse a kept-alive one).
      refused = await new Promise<boolean>((resolve) => {
        const probe = httpRequest(`${apiA.base}/api/health/live`, { agent: false }, (r) => {
          r.resume();
          resolve(false);
        });
        probe.on('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
        probe.end();
      });
      if (!refused) await sleep(100);
    }
    expect(refused).toBe(true);
    req.end(Buffer.concat([csv.subarray(1000), tail]));
    const res = await answer;
    expect(res.status, res.body).toBe(201);
    // The event stream was ended (the browser reconnects, through the proxy, to another process).
    await sse.close();
    // Exit code 0 only when the database pool and Redis clients closed (else exit 1 after 10 s).
    expect(await exit).toMatchObject({ code: 0, signal: null });
    const id = (JSON.parse(res.body) as { dataset: { id: string } }).dataset.id;
    const list = await api.ok<Paged<{ id: string }>>('GET', `/api/datasets?pageSize=200`);
    expect(list.items.map((d) => d.id)).toContain(id);
  }, 120_000);
});
