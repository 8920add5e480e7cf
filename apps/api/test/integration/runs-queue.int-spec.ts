import type { RunRulesResponse } from '@dqw/shared-types';
import { Roles } from '@dqw/shared-types';
import { JobQueue } from '../../src/core/queue';
import { RunOutcomeHooks } from '../../src/modules/rules/runs/run-outcome-hooks';
import { RunsService } from '../../src/modules/rules/runs/runs.service';
import { dbAvailable } from '../support/db-kinds';
import { TEST_REDIS_URL, dropPrefix, redisAvailable, uniquePrefix } from '../support/redis';
import { ORDERS_CSV, uploadCsv, waitForRun } from '../support/rules-helpers';
import { PrivateRedis } from '../support/rules-redis-server';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const hasRedis = await redisAvailable();
const QUEUE_ENV = {
  SCHEDULER_TICK_MS: '600000',
  QUEUE_ENQUEUE_TIMEOUT_MS: '1000',
  QUEUE_STALLED_INTERVAL_MS: '5000',
};

async function rulesOn(eng: SessionClient, datasetId: string, dsls: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const dsl of dsls)
    ids.push((await eng.post('/api/rules', { datasetId, name: dsl, dsl }).expect(201)).body.id);
  return ids;
}

describe.skipIf(!hasRedis || !dbAvailable('postgres'))('runs on Bull (Redis) with PostgreSQL', () => {
  let t: TestApp;
  let eng: SessionClient;
  const prefix = uniquePrefix('rules');
  let orders: string;

  beforeAll(async () => {
    t = await startTestApp('postgres', {
      env: { ...QUEUE_ENV, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
      roles: { web: true, worker: true, scheduler: false },
    });
    eng = await t.loginAs(Roles.DataEngineer);
    const q = t.app.get(JobQueue);
    const t0 = Date.now();
    while (!q.isAvailable() && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    orders = (await uploadCsv(t, eng, ORDERS_CSV, { name: 'orders' })).datasetId;
  });
  afterAll(async () => {
    await t?.close();
    await dropPrefix(prefix);
  });

  it('runs the same processor under Bull: one job per dataset version, exact results', async () => {
    const ids = await rulesOn(eng, orders, ['NOT_NULL(email)', 'UNIQUE(id)']);
    const res = (await eng.post('/api/rules/run', { ruleIds: ids }).expect(202)).body as RunRulesResponse;
    const [a, b] = [
      await waitForRun((u) => eng.get(u), res.runs[0].id),
      await waitForRun((u) => eng.get(u), res.runs[1].id),
    ];
    expect(a).toMatchObject({ status: 'failed', failedCount: 1, rowsChecked: 7, attempts: 1 });
    expect(b).toMatchObject({ status: 'passed', failedCount: 0 });
    expect(a.plan?.batchSize).toBe(2);
    // The job completes just after the results are stored (hooks and the last progress event come first).
    const completed = async () =>
      ((await eng.get('/api/queues').expect(200)).body.queues as { name: string; completed: number }[]).find(
        (q) => q.name === 'rule-runs',
      )?.completed ?? 0;
    const t0 = Date.now();
    while ((await completed()) < 1 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(await completed()).toBeGreaterThanOrEqual(1);
  });

  it('retries a job whose outcome hook failed: the hook runs again, the result is stored once', async () => {
    const [id] = await rulesOn(eng, orders, ['IN_RANGE(amount, 0, 1000)']);
    const seen: string[] = [];
    let failNext = true;
    const off = t.app.get(RunOutcomeHooks).register('flaky', (o) => {
      if (o.run.ruleId !== id) return;
      seen.push(o.run.id);
      if (failNext) {
        failNext = false;
        throw new Error('incident store unavailable');
      }
    });
    try {
      const res = (await eng.post('/api/rules/run', { ruleIds: [id] }).expect(202)).body as RunRulesResponse;
      const runId = res.runs[0].id;
      const t0 = Date.now();
      while (seen.length < 2 && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual([runId, runId]);
      const run = await waitForRun((u) => eng.get(u), runId);
      expect(run).toMatchObject({ status: 'failed', failedCount: 2, attempts: 1 });
      const rows = await t.dataSource.query(
        `SELECT COUNT(*) AS n, MIN(outcome_handled_at) AS h FROM rule_runs WHERE rule_id = $1`,
        [id],
      );
      expect(Number(rows[0].n)).toBe(1);
      expect(rows[0].h).not.toBeNull();
    } finally {
      off();
    }
  });
});

describe.skipIf(!hasRedis)('Redis going away', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let eng: SessionClient;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp('sqlite', {
      env: { ...QUEUE_ENV, REDIS_URL: redis.url, QUEUE_PREFIX: uniquePrefix('gone') },
      roles: { web: true, worker: true, scheduler: false },
    });
    eng = await t.loginAs(Roles.DataEngineer);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('answers 503 for new runs while Redis is down, starts nothing, and resumes when it is back', async () => {
    const q = t.app.get(JobQueue);
    const { datasetId: ds } = await uploadCsv(t, eng, ORDERS_CSV, { name: 'gone' });
    const [id] = await rulesOn(eng, ds, ['NOT_NULL(email)']);
    const wait = async (want: boolean) => {
      const t0 = Date.now();
      while (q.isAvailable() !== want && Date.now() - t0 < 15_000)
        await new Promise((r) => setTimeout(r, 50));
      expect(q.isAvailable()).toBe(want);
    };
    await wait(true);
    await redis.stop();
    await wait(false);
    const res = await eng.post('/api/rules/run', { ruleIds: [id] }).expect(503);
    expect(res.body.message).toMatch(/queue \(Redis\) is unreachable.*Nothing was started/);
    expect(await t.dataSource.query(`SELECT id FROM rule_runs WHERE "trigger" = 'manual'`)).toEqual([]);
    // A new version announced while Redis is down: its runs wait in the database, nothing fails.
    const v1 = (await eng.get(`/api/datasets/${ds}`).expect(200)).body.currentVersionId as string;
    const queued = await t.app.get(RunsService).enqueueForVersion(ds, v1);
    expect(queued).toHaveLength(1);

    await redis.start();
    await wait(true);
    const ok = (await eng.post('/api/rules/run', { ruleIds: [id] }).expect(202)).body as RunRulesResponse;
    expect(await waitForRun((u) => eng.get(u), ok.runs[0].id)).toMatchObject({
      status: 'failed',
      failedCount: 1,
    });
    // The recovery job picks up the runs queued during the outage.
    const { RunMaintenance } = await import('../../src/modules/rules/runs/run-maintenance.service');
    await t.app.get(RunMaintenance).recover(new Date(Date.now() + 5 * 60_000));
    expect(await waitForRun((u) => eng.get(u), queued[0].id)).toMatchObject({
      status: 'failed',
      trigger: 'upload',
    });
  });
});

describe('embedded restart', () => {
  it('re-queues runs left unfinished when the process stopped', async () => {
    let t = await startTestApp('sqlite');
    const eng = await t.loginAs(Roles.DataEngineer);
    const { datasetId: ds, versionId } = await uploadCsv(t, eng, ORDERS_CSV, { name: 'restart' });
    const [id] = await rulesOn(eng, ds, ['UNIQUE(id)']);
    // Rows written, job never run (as if the process died right after creating them).
    const rule = await t.dataSource.query(`SELECT version_id FROM rules WHERE id = ?`, [id]);
    const { runs } = await t.app.get(RunsService).createBatch({
      datasetId: ds,
      datasetVersionId: versionId,
      trigger: 'manual',
      batchTrigger: 'manual:crash',
      rules: [{ id, versionId: rule[0].version_id } as never],
      triggerKeyOf: () => 'manual:crash',
      requestedBy: null,
    });
    await t.close({ keepData: true });
    t = await startTestApp('sqlite', { reuse: { dataDir: t.dataDir, schema: null } });
    const analyst = await t.loginAs(Roles.Analyst);
    try {
      expect(await waitForRun((u) => analyst.get(u), runs[0].id)).toMatchObject({
        status: 'passed',
        rowsChecked: 7,
      });
    } finally {
      await t.close();
    }
  });
});
