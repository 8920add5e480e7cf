/**
 * `npm run bench:runs`: the built API and 1 or 2 worker processes on the real PostgreSQL and Redis.
 *   1. queue throughput: 1,000 small rule runs (1,000 requests, so 1,000 jobs), runs per second from
 *      the first request to the last stored result;
 *   2. end to end: a 1,000,000-row CSV uploaded as a new version of a dataset with 6 active rules, from
 *      the start of the upload to the last verdict stored (upload, profiling, then the one-scan batch).
 * Env: TEST_DATABASE_URL, TEST_REDIS_URL; BENCH_RUNS (default 1000), BENCH_ROWS (default 1000000),
 * BENCH_WORKERS (default "1,2"), WORKER_CONCURRENCY (passed to the workers; default 2).
 */
import type { Paged, RunDetailDto, RunRulesResponse } from '@dqw/shared-types';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ordersCsv, ordersRules } from '../support/rules-data';
import { Api, ensureBuilt, startApi, startWorker, type Proc } from '../support/rules-processes';
import { ADMIN, DATABASE_URL, dropPrefix, pg, pool, REDIS_URL, sleep } from './bench-support';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const ROWS = Number(process.env['BENCH_ROWS'] ?? 1_000_000);
const WORKERS = (process.env['BENCH_WORKERS'] ?? '1,2').split(',').map(Number);

/** Waits until no run of the dataset is queued or running; returns the last finishedAt seen. */
async function drained(api: Api, datasetId: string, expected: number, trigger?: string): Promise<Date> {
  const filter = `datasetId=${datasetId}${trigger ? `&trigger=${trigger}` : ''}`;
  for (;;) {
    const [all, queued, running] = await Promise.all(
      ['', '&status=queued', '&status=running'].map((s) =>
        api.ok<Paged<RunDetailDto>>('GET', `/api/runs?${filter}${s}&pageSize=1`),
      ),
    );
    if (all.total >= expected && queued.total === 0 && running.total === 0) {
      return new Date(all.items[0]?.finishedAt ?? Date.now());
    }
    await sleep(100);
  }
}

async function lastFinished(schema: string, datasetId: string): Promise<Date> {
  return pg(async (c) => {
    const r = await c.query(`SELECT MAX(finished_at) AS t FROM "${schema}".rule_runs WHERE dataset_id = $1`, [
      datasetId,
    ]);
    return new Date(r.rows[0].t as string);
  });
}

interface Result {
  workers: number;
  runsPerSecond: number;
  runsSeconds: number;
  e2eSeconds: number;
  uploadSeconds: number;
  readySeconds: number;
}

async function scenario(workers: number): Promise<Result> {
  const schema = `dqw_bench_${Date.now().toString(36)}`;
  const prefix = `dqwbench:${schema}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'dqw-bench-'));
  await pg((c) => c.query(`CREATE SCHEMA "${schema}"`));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
    WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
    SCHEDULER_TICK_MS: '600000',
    // Jobs each worker runs at once (the API's default is 2).
    ...(process.env['WORKER_CONCURRENCY'] ? { WORKER_CONCURRENCY: process.env['WORKER_CONCURRENCY'] } : {}),
  };
  const procs: Proc[] = [];
  try {
    const server = await startApi(env, dataDir);
    procs.push(server);
    for (let i = 0; i < workers; i++) procs.push(await startWorker(env, dataDir, `worker-${i + 1}`));
    const api = await Api.asAdmin(server.base, ADMIN.email, ADMIN.password);

    // 1. Throughput of small runs: one rule on a 100-row file, RUNS separate requests (separate jobs).
    const small = await api.upload(ordersCsv(100), { name: 'small', fileName: 'small.csv' });
    await api.ready(small.dataset.id, small.version.id);
    const { id: ruleId } = await api.ok<{ id: string }>(
      'POST',
      '/api/rules',
      { datasetId: small.dataset.id, name: 'not null', dsl: 'NOT_NULL(email)' },
      201,
    );
    const t0 = Date.now();
    await pool(
      Array.from({ length: RUNS }, (_, i) => i),
      16,
      async () => {
        await api.ok<RunRulesResponse>('POST', '/api/rules/run', { ruleIds: [ruleId] }, 202);
      },
    );
    await drained(api, small.dataset.id, RUNS);
    const runsSeconds = ((await lastFinished(schema, small.dataset.id)).getTime() - t0) / 1000;
    process.stdout.write(
      `  ${RUNS} small runs: ${runsSeconds.toFixed(1)} s = ${(RUNS / runsSeconds).toFixed(1)} runs/s\n`,
    );

    // 2. A 1M-row version of a dataset with active rules: upload → profiling → one batch of runs.
    const rules = ordersRules(ROWS);
    const seed = await api.upload(ordersCsv(10), { name: 'orders', fileName: 'seed.csv' });
    await api.ready(seed.dataset.id, seed.version.id);
    for (const r of rules) {
      await api.ok('POST', '/api/rules', { datasetId: seed.dataset.id, name: r.dsl, dsl: r.dsl }, 201);
    }
    // Let the seed version's own upload runs finish first.
    await drained(api, seed.dataset.id, 0);
    const file = ordersCsv(ROWS);
    const e0 = Date.now();
    const big = await api.upload(file, { datasetId: seed.dataset.id, fileName: 'orders-1m.csv' });
    const uploadSeconds = (Date.now() - e0) / 1000;
    await api.ready(seed.dataset.id, big.version.id, 30 * 60_000);
    const readySeconds = (Date.now() - e0) / 1000;
    for (;;) {
      const list = await api.ok<Paged<RunDetailDto>>(
        'GET',
        `/api/runs?datasetId=${seed.dataset.id}&trigger=upload&pageSize=200`,
      );
      const mine = list.items.filter((r) => r.datasetVersionId === big.version.id);
      if (
        mine.length === rules.length &&
        mine.every((r) => r.status !== 'queued' && r.status !== 'running')
      ) {
        for (const r of rules) {
          const run = mine.find((m) => m.ruleName === r.dsl);
          if (run?.status !== r.status || run.failedCount !== r.failed) {
            throw new Error(`wrong result for ${r.dsl}: ${JSON.stringify(run)}`);
          }
        }
        break;
      }
      await sleep(200);
    }
    const e2eSeconds = ((await lastFinished(schema, seed.dataset.id)).getTime() - e0) / 1000;
    return {
      workers,
      runsPerSecond: RUNS / runsSeconds,
      runsSeconds,
      e2eSeconds,
      uploadSeconds,
      readySeconds,
    };
  } catch (e) {
    for (const p of procs) process.stderr.write(`--- ${p.name} (last output)\n${p.output().slice(-4000)}\n`);
    throw e;
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await dropPrefix(prefix);
    await pg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensureBuilt();
  const results: Result[] = [];
  for (const w of WORKERS) {
    process.stdout.write(`\n${w} worker process(es)…\n`);
    const r = await scenario(w);
    results.push(r);
    process.stdout.write(
      `  ${ROWS.toLocaleString('en')}-row CSV: upload ${r.uploadSeconds.toFixed(1)} s, profiled at ${r.readySeconds.toFixed(1)} s, ` +
        `all ${ordersRules(ROWS).length} verdicts stored at ${r.e2eSeconds.toFixed(1)} s\n`,
    );
  }
  process.stdout.write(`\n${JSON.stringify({ runs: RUNS, rows: ROWS, results }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:runs failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
