/**
 * `npm run bench:scale`: does adding worker processes add throughput? The built API plus 1, 2 and 4
 * worker processes on the real PostgreSQL and Redis:
 *   - throughput: BENCH_RUNS small rule runs (one request, one job each), runs per second from the first
 *     request to the last stored result, and the ratio to 1 worker;
 *   - queue overhead: enqueue → start latency per job (queuedAt → startedAt), p50/p95, under that burst
 *     (includes waiting for a free worker) and for jobs sent one at a time to idle workers.
 * This machine has 2 cores shared by the API, the workers, PostgreSQL and Redis: past 2 workers the
 * processes compete for the same cores, so the numbers show the overhead of more processes, not a cluster.
 * Env: TEST_DATABASE_URL, TEST_REDIS_URL; BENCH_RUNS (default 400), BENCH_WORKERS (default "1,2,4"),
 * BENCH_IDLE_RUNS (default 30), WORKER_CONCURRENCY (passed to the workers; default 2).
 */
import type { RunDetailDto, RunRulesResponse } from '@dqw/shared-types';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ordersCsv } from '../support/rules-data';
import { Api, ensureBuilt, startApi, startWorker, type Proc } from '../support/rules-processes';
import { ADMIN, DATABASE_URL, dropPrefix, pg, pool, REDIS_URL, sleep } from './bench-support';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 400);
const IDLE_RUNS = Number(process.env['BENCH_IDLE_RUNS'] ?? 30);
const WORKERS = (process.env['BENCH_WORKERS'] ?? '1,2,4').split(',').map(Number);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** queuedAt → startedAt of finished runs, in ms, sorted. */
async function latencies(schema: string, ids: string[]): Promise<number[]> {
  return pg(async (c) => {
    const r = await c.query<{ ms: string }>(
      `SELECT EXTRACT(EPOCH FROM (started_at - queued_at)) * 1000 AS ms FROM "${schema}".rule_runs WHERE id = ANY($1)`,
      [ids],
    );
    return r.rows.map((x) => Number(x.ms)).sort((a, b) => a - b);
  });
}

async function finished(schema: string, ids: string[]): Promise<{ done: number; last: Date | null }> {
  return pg(async (c) => {
    const r = await c.query<{ done: string; last: Date | null }>(
      `SELECT COUNT(*) FILTER (WHERE status NOT IN ('queued','running')) AS done, MAX(finished_at) AS last
         FROM "${schema}".rule_runs WHERE id = ANY($1)`,
      [ids],
    );
    return { done: Number(r.rows[0].done), last: r.rows[0].last };
  });
}

interface Result {
  workers: number;
  runsPerSecond: number;
  burstP50Ms: number;
  burstP95Ms: number;
  idleP50Ms: number;
  idleP95Ms: number;
}

async function scenario(workers: number): Promise<Result> {
  const schema = `dqw_bench_scale_${Date.now().toString(36)}`;
  const prefix = `dqwbench:${schema}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'dqw-bench-scale-'));
  await pg((c) => c.query(`CREATE SCHEMA "${schema}"`));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
    WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
    SCHEDULER_TICK_MS: '600000',
    ...(process.env['WORKER_CONCURRENCY'] ? { WORKER_CONCURRENCY: process.env['WORKER_CONCURRENCY'] } : {}),
  };
  const procs: Proc[] = [];
  try {
    const server = await startApi(env, dataDir);
    procs.push(server);
    procs.push(
      ...(await Promise.all(
        Array.from({ length: workers }, (_, i) => startWorker(env, dataDir, `worker-${i + 1}`)),
      )),
    );
    const api = await Api.asAdmin(server.base, ADMIN.email, ADMIN.password);
    const up = await api.upload(ordersCsv(100), { name: 'small', fileName: 'small.csv' });
    await api.ready(up.dataset.id, up.version.id);
    const { id: ruleId } = await api.ok<{ id: string }>(
      'POST',
      '/api/rules',
      { datasetId: up.dataset.id, name: 'not null', dsl: 'NOT_NULL(email)' },
      201,
    );
    const request = async () =>
      (await api.ok<RunRulesResponse>('POST', '/api/rules/run', { ruleIds: [ruleId] }, 202)).runs[0].id;

    // Idle overhead first: one job at a time, each waited for, so no job waits for a busy worker.
    const idleIds: string[] = [];
    for (let i = 0; i < IDLE_RUNS; i++) {
      const id = await request();
      idleIds.push(id);
      while ((await api.ok<RunDetailDto>('GET', `/api/runs/${id}`)).status === 'queued') await sleep(5);
    }
    while ((await finished(schema, idleIds)).done < idleIds.length) await sleep(50);

    const ids: string[] = [];
    const t0 = Date.now();
    await pool(
      Array.from({ length: RUNS }, (_, i) => i),
      16,
      async () => {
        ids.push(await request());
      },
    );
    let f = await finished(schema, ids);
    while (f.done < ids.length) {
      await sleep(100);
      f = await finished(schema, ids);
    }
    const seconds = ((f.last?.getTime() ?? Date.now()) - t0) / 1000;
    const burst = await latencies(schema, ids);
    const idle = await latencies(schema, idleIds);
    return {
      workers,
      runsPerSecond: RUNS / seconds,
      burstP50Ms: percentile(burst, 50),
      burstP95Ms: percentile(burst, 95),
      idleP50Ms: percentile(idle, 50),
      idleP95Ms: percentile(idle, 95),
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
  process.stdout.write(
    `bench:scale — ${RUNS} small rule runs per scenario, ${cpus().length} CPU core(s) shared by every process\n`,
  );
  const results: Result[] = [];
  for (const w of WORKERS) {
    const r = await scenario(w);
    results.push(r);
    const base = results[0].runsPerSecond;
    process.stdout.write(
      `  ${w} worker(s): ${r.runsPerSecond.toFixed(1)} runs/s (×${(r.runsPerSecond / base).toFixed(2)} of ${results[0].workers})` +
        ` | enqueue→start under the burst p50 ${r.burstP50Ms.toFixed(0)} ms, p95 ${r.burstP95Ms.toFixed(0)} ms` +
        ` | idle p50 ${r.idleP50Ms.toFixed(0)} ms, p95 ${r.idleP95Ms.toFixed(0)} ms\n`,
    );
  }
  if (cpus().length <= 2) {
    process.stdout.write(
      `  note: ${cpus().length} cores run the API, the workers, PostgreSQL and Redis together; more workers than cores can't add throughput here.\n`,
    );
  }
  process.stdout.write(`\n${JSON.stringify({ runs: RUNS, idleRuns: IDLE_RUNS, results }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:scale failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
