import type {
  DatasetDetailDto,
  Paged,
  RunDetailDto,
  RunRulesResponse,
  RunWithPlanDto,
} from '@dqw/shared-types';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSchema, dropTestSchema, postgresAvailable, TEST_DATABASE_URL } from '../support/postgres';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../support/redis';
import { ordersCsv, ordersRules } from '../support/rules-data';
import { Api, ensureBuilt, startApi, startWorker, type Proc } from '../support/rules-processes';
import { PrivateRedis } from '../support/rules-redis-server';
import { TEST_ENCRYPTION_KEY } from '../support/test-app';

const ready = (await postgresAvailable()) && (await redisAvailable());
const ADMIN = { email: 'e2e-admin@test.local', password: 'E2e-Admin-Password-1' };

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
    WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
    PASSWORD_SCRYPT_COST: '10',
    // A SIGKILLed worker's job goes to another worker after about this long.
    QUEUE_STALLED_INTERVAL_MS: '2000',
    QUEUE_ENQUEUE_TIMEOUT_MS: '1000',
    SCHEDULER_TICK_MS: '600000',
    ...extra,
  };
}

async function waitRun(api: Api, id: string, timeoutMs = 120_000): Promise<RunWithPlanDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.ok<RunWithPlanDto>('GET', `/api/runs/${id}`);
    if (r.status !== 'queued' && r.status !== 'running') return r;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${r.status}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function createRules(api: Api, datasetId: string, dsls: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const dsl of dsls)
    ids.push((await api.ok<{ id: string }>('POST', '/api/rules', { datasetId, name: dsl, dsl }, 201)).id);
  return ids;
}

describe.skipIf(!ready)('runs across processes: API and worker processes on PostgreSQL and Redis', () => {
  const procs: Proc[] = [];
  let dataDir: string;
  let schema: string;
  const prefix = uniquePrefix('runs-e2e');
  let env: NodeJS.ProcessEnv;
  let api: Api;
  let api2: Api;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'dqw-runs-e2e-'));
    schema = await createTestSchema('runs');
    env = baseEnv({
      DATABASE_SCHEMA: schema,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
    });
    const [a, b] = [await startApi(env, dataDir), await startApi(env, dataDir)];
    procs.push(a, b);
    api = await Api.asAdmin(a.base, ADMIN.email, ADMIN.password);
    api2 = await Api.asAdmin(b.base, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await dropPrefix(prefix);
    if (schema) await dropTestSchema(schema);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a worker SIGKILLed in the middle of a run: another worker finishes the job, one run row and one result per rule', async () => {
    const rows = 300_000;
    const first = await startWorker(env, dataDir, 'worker-a');
    procs.push(first);
    const up = await api.upload(ordersCsv(rows), { name: 'orders-big', fileName: 'orders.csv' });
    await api.ready(up.dataset.id, up.version.id, 240_000);
    const expected = ordersRules(rows);
    const ruleIds = await createRules(
      api,
      up.dataset.id,
      expected.map((r) => r.dsl),
    );
    const { runs } = await api.ok<RunRulesResponse>('POST', '/api/rules/run', { ruleIds }, 202);

    // Kill the worker as soon as it is checking the batch, then bring another one.
    const deadline = Date.now() + 60_000;
    while ((await api.ok<RunDetailDto>('GET', `/api/runs/${runs[0].id}`)).status !== 'running') {
      if (Date.now() > deadline) throw new Error('the run never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.kill();
    const second = await startWorker(env, dataDir, 'worker-b');
    procs.push(second);

    for (const [i, r] of runs.entries()) {
      const done = await waitRun(api, r.id, 180_000);
      expect(done).toMatchObject({
        status: expected[i].status,
        failedCount: expected[i].failed,
        rowsChecked: rows,
      });
      expect(done.attempts).toBeGreaterThanOrEqual(2);
    }
    const all = await api.ok<Paged<RunDetailDto>>('GET', `/api/runs?datasetId=${up.dataset.id}&pageSize=200`);
    expect(all.total).toBe(expected.length);
    expect(new Set(all.items.map((r) => r.ruleId)).size).toBe(expected.length);
  }, 600_000);

  it('the same request sent 50 times concurrently to two API processes makes one set of runs', async () => {
    const w =
      procs.find((p) => p.name === 'worker-b' && p.proc.exitCode === null) ??
      (await startWorker(env, dataDir, 'worker-c'));
    if (!procs.includes(w)) procs.push(w);
    const up = await api.upload(ordersCsv(1000), { name: 'orders-small', fileName: 'small.csv' });
    await api.ready(up.dataset.id, up.version.id);
    const ruleIds = await createRules(api, up.dataset.id, ['NOT_NULL(email)', 'UNIQUE(id)']);
    const key = `e2e-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? api2 : api).call<RunRulesResponse>(
          'POST',
          '/api/rules/run',
          { ruleIds },
          { 'idempotency-key': key },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    const done = await waitRun(api, answers[0].body.runs[0].id);
    expect(done).toMatchObject({ status: 'failed', failedCount: 10 });
    // (Upload runs of version 1 may exist too, when its listener call came after the rules were made.)
    const all = await api.ok<Paged<RunDetailDto>>('GET', `/api/runs?datasetId=${up.dataset.id}&trigger=api`);
    expect(all.total).toBe(2);
  }, 300_000);

  it('runs every active rule after each new upload, once', async () => {
    const up = await api.upload(ordersCsv(500), { name: 'orders-uploads', fileName: 'v1.csv' });
    await api.ready(up.dataset.id, up.version.id);
    await createRules(api, up.dataset.id, ['NOT_NULL(email)', 'IN_RANGE(amount, 0, 999)']);
    const v2 = await api.upload(ordersCsv(2000), { datasetId: up.dataset.id, fileName: 'v2.csv' });
    const deadline = Date.now() + 120_000;
    let list: Paged<RunDetailDto>;
    for (;;) {
      list = await api.ok<Paged<RunDetailDto>>('GET', `/api/runs?datasetId=${up.dataset.id}&trigger=upload`);
      // Version 1's upload runs may exist too (its listener call can come after the rules were made).
      list.items = list.items.filter((r) => r.datasetVersionId === v2.version.id);
      if (list.items.length === 2 && list.items.every((r) => r.status !== 'queued' && r.status !== 'running'))
        break;
      if (Date.now() > deadline) throw new Error(`upload runs: ${JSON.stringify(list.items)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(list.items.map((r) => [r.ruleName, r.failedCount]).sort()).toEqual([
      ['IN_RANGE(amount, 0, 999)', 4],
      ['NOT_NULL(email)', 20],
    ]);
  }, 300_000);
});

describe.skipIf(!ready)('runs across processes: Redis going away', () => {
  const procs: Proc[] = [];
  let redis: PrivateRedis;
  let dataDir: string;
  let schema: string;

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.stop();
    if (schema) await dropTestSchema(schema);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 for new runs while Redis is down and resumes when it returns', async () => {
    ensureBuilt();
    redis = await PrivateRedis.start();
    dataDir = mkdtempSync(join(tmpdir(), 'dqw-runs-redis-'));
    schema = await createTestSchema('runsredis');
    const env = baseEnv({
      DATABASE_SCHEMA: schema,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'dqw',
      DATA_DIR: dataDir,
    });
    const server = await startApi(env, dataDir);
    procs.push(server, await startWorker(env, dataDir));
    const api = await Api.asAdmin(server.base, ADMIN.email, ADMIN.password);
    const up = await api.upload(ordersCsv(1000), { name: 'orders', fileName: 'o.csv' });
    const ds: DatasetDetailDto = await api.ready(up.dataset.id, up.version.id);
    const [rule] = await createRules(api, ds.id, ['NOT_NULL(email)']);

    await redis.stop();
    let refused: { status: number; body: { message: string } } = { status: 0, body: { message: '' } };
    const deadline = Date.now() + 20_000;
    while (refused.status !== 503 && Date.now() < deadline) {
      refused = await api.call('POST', '/api/rules/run', { ruleIds: [rule] });
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/Redis\) is unreachable/);
    expect((await api.ok<Paged<RunDetailDto>>('GET', `/api/runs?datasetId=${ds.id}&trigger=api`)).total).toBe(
      0,
    );

    await redis.start();
    let accepted: { status: number; body: RunRulesResponse } = { status: 0, body: { runs: [] } };
    const back = Date.now() + 30_000;
    while (accepted.status !== 202 && Date.now() < back) {
      accepted = await api.call<RunRulesResponse>('POST', '/api/rules/run', { ruleIds: [rule] });
      if (accepted.status !== 202) await new Promise((r) => setTimeout(r, 200));
    }
    expect(accepted.status).toBe(202);
    expect(await waitRun(api, accepted.body.runs[0].id)).toMatchObject({ status: 'failed', failedCount: 10 });
  }, 300_000);
});
