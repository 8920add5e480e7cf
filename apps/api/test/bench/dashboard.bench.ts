/**
 * `npm run bench:dashboard`: the dashboard endpoints at scale on the real PostgreSQL.
 *   1. a fresh schema, migrated by the built `migrate.js`;
 *   2. seeded with SQL (generate_series): 200 datasets, 2,000 rules, 1,000,000 runs over 90 days, 20,000
 *      incidents;
 *   3. the built API (`main.js`, on 127.0.0.1) started on it: at start it builds the dashboard aggregates
 *      from the runs — the app's own backfill, the same SQL its run-outcome hook runs per run;
 *   4. every endpoint requested BENCH_N times one after another (after a warm-up), p50/p95 printed;
 *   5. EXPLAIN (ANALYZE) of the main queries.
 * Exits with 1 when a p95 is over BENCH_MAX_P95_MS (default 100). The schema is dropped at the end
 * (BENCH_KEEP=1 keeps it; BENCH_SCHEMA=<kept schema> measures it again without seeding). Env:
 * TEST_DATABASE_URL, BENCH_N (default 100), BENCH_RUNS, BENCH_RULES, BENCH_DATASETS, BENCH_INCIDENTS,
 * BENCH_DAYS, BENCH_NO_BUILD=1 (use dist/ as it is).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { bind, type Statement } from '../../src/modules/dashboard/aggregates.sql';
import {
  currentRulesQuery,
  dayRulesQuery,
  daysQuery,
  heatmapQuery,
  incidentsQuery,
  ruleWindowsQuery,
  runsSinceQuery,
} from '../../src/modules/dashboard/dashboard.queries';
import { seededDatasetIdSql, seedStatements, type SeedSize } from './dashboard-seed';

const ROOT = resolve(__dirname, '../../../..');
const DIST = join(ROOT, 'dist/apps/api');
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(process.env['BENCH_N'] ?? 100);
const WARMUP = 10;
const MAX_P95 = Number(process.env['BENCH_MAX_P95_MS'] ?? 100);
const SIZE: SeedSize = {
  datasets: Number(process.env['BENCH_DATASETS'] ?? 200),
  rules: Number(process.env['BENCH_RULES'] ?? 2000),
  runs: Number(process.env['BENCH_RUNS'] ?? 1_000_000),
  incidents: Number(process.env['BENCH_INCIDENTS'] ?? 20_000),
  days: Number(process.env['BENCH_DAYS'] ?? 90),
};
const ADMIN = { email: 'bench@test.local', password: 'Bench-Admin-Password-1' };
const DAY = 86_400_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function pg<T>(schema: string | null, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    if (schema) await c.query(`SET search_path TO "${schema}"`);
    return await fn(c);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function run(
  entry: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [join(DIST, entry)], { cwd, env });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { proc, output: () => out };
}

async function until(p: ReturnType<typeof run>, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!p.output().includes(text)) {
    if (p.proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${text} never came:\n${p.output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function token(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(
  base: string,
  auth: string,
  path: string,
): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + N; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${auth}` } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200)
      throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    bytes = body.byteLength;
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
}

async function explain(schema: string, label: string, stmt: Statement): Promise<void> {
  const [sql, values] = bind('postgres', stmt);
  const plan = await pg(schema, (c) => c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values));
  process.stdout.write(`\n--- EXPLAIN ${label}\n`);
  for (const row of plan.rows as { 'QUERY PLAN': string }[]) process.stdout.write(`${row['QUERY PLAN']}\n`);
}

async function main(): Promise<void> {
  if (process.env['BENCH_NO_BUILD'] !== '1' || !existsSync(join(DIST, 'main.js'))) {
    const b = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (b.status !== 0) throw new Error('nx build api failed');
  }
  const reuse = process.env['BENCH_SCHEMA'];
  if (reuse !== undefined && !/^dqw_bench_dash_[a-z0-9]+$/.test(reuse)) {
    throw new Error('BENCH_SCHEMA must name a kept dqw_bench_dash_… schema');
  }
  const schema = reuse ?? `dqw_bench_dash_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'dqw-bench-dash-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
    WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
    // Nothing is scheduled (the seeded rules have no cron); the benchmark measures reads only.
    SCHEDULER_TICK_MS: '600000',
  };
  let api: ReturnType<typeof run> | null = null;
  let failed = false;
  try {
    let seeded = 0;
    if (!reuse) {
      await pg(null, (c) => c.query(`CREATE SCHEMA "${schema}"`));
      const migrate = run('migrate.js', env, dataDir);
      await until(migrate, 'Migrations are up to date', 120_000);

      process.stdout.write(
        `Seeding ${SIZE.datasets} datasets, ${SIZE.rules} rules, ${SIZE.runs} runs over ${SIZE.days} days, ${SIZE.incidents} incidents into ${schema}\n`,
      );
      const t0 = Date.now();
      await pg(schema, async (c) => {
        for (const s of seedStatements(SIZE)) {
          const t = Date.now();
          await c.query(s.sql);
          process.stdout.write(`  ${s.label}: ${seconds(Date.now() - t)}\n`);
        }
        await c.query('ANALYZE');
      });
      seeded = Date.now() - t0;
    } else {
      process.stdout.write(`Measuring the kept schema ${schema} again (no seeding)\n`);
    }

    // The app builds the aggregates at start (dashboard_state says they were never built).
    const port = await freePort();
    const t1 = Date.now();
    api = run('main.js', { ...env, PORT: String(port) }, dataDir);
    await until(api, 'is running at', 30 * 60_000);
    const started = Date.now() - t1;
    await pg(schema, (c) => c.query('VACUUM ANALYZE'));
    process.stdout.write(
      `Seed: ${seconds(seeded)} (SQL), app start with the aggregates built from the runs: ${seconds(started)}, total ${seconds(seeded + started)}\n`,
    );
    const counts = await pg(schema, async (c) => {
      const r = await c.query(
        `SELECT (SELECT COUNT(*) FROM dashboard_rule_days) AS rule_days, (SELECT COUNT(*) FROM dashboard_days) AS days`,
      );
      return r.rows[0] as { rule_days: string; days: string };
    });
    process.stdout.write(`Aggregates: ${counts.rule_days} rule-day rows, ${counts.days} days\n`);

    const base = `http://127.0.0.1:${port}`;
    const auth = await token(base);
    const datasetId = await pg(
      schema,
      async (c) => (await c.query(seededDatasetIdSql(1))).rows[0].id as string,
    );
    const day = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    const paths = [
      '/api/dashboard/stats',
      '/api/dashboard/stats?breakdown=datasets',
      `/api/dashboard/stats?datasetId=${datasetId}`,
      '/api/dashboard/trends',
      '/api/dashboard/trends?days=365',
      `/api/dashboard/trends?days=90&datasetId=${datasetId}`,
      `/api/dashboard/days/${day}`,
      '/api/dashboard/rule-pass-rates',
      '/api/dashboard/rule-pass-rates?days=365',
      '/api/dashboard/heatmap',
      '/api/dashboard/heatmap?days=365',
      '/api/dashboard/heatmap?days=365&limit=200',
      '/api/datasets?pageSize=50',
    ];
    process.stdout.write(`\n${N} requests each (after ${WARMUP} to warm up), one at a time:\n`);
    process.stdout.write(
      `${'endpoint'.padEnd(72)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'KB'.padStart(8)}\n`,
    );
    for (const path of paths) {
      const m = await measure(base, auth, path);
      const over = m.p95 > MAX_P95;
      failed ||= over;
      process.stdout.write(
        `${path.replace(datasetId, '{id}').padEnd(72)} ${m.p50.toFixed(1).padStart(8)} ${m.p95.toFixed(1).padStart(8)} ${(m.bytes / 1024).toFixed(0).padStart(8)}${over ? `  OVER ${MAX_P95} ms` : ''}\n`,
      );
    }

    const now = new Date();
    const start = (days: number) => new Date(Date.now() - (days - 1) * DAY).toISOString().slice(0, 10);
    await explain(schema, 'stats: active rules with their latest run', currentRulesQuery(null));
    await explain(
      schema,
      'stats: runs of the last 24 h',
      runsSinceQuery(new Date(now.getTime() - DAY), null),
    );
    await explain(schema, 'stats: open incidents', incidentsQuery(null));
    await explain(schema, 'trends (365 days)', daysQuery(start(365), null));
    await explain(schema, 'trends of a dataset (90 days)', daysQuery(start(90), datasetId));
    await explain(schema, 'days/{day}', dayRulesQuery(day, null));
    await explain(schema, 'rule pass rates (30 days)', ruleWindowsQuery('postgres', start(30), null));
    await explain(
      schema,
      'heatmap (365 days)',
      heatmapQuery('postgres', new Date(Date.now() - 365 * DAY), null),
    );
    process.stdout.write(
      failed ? `\nFAILED: a p95 is over ${MAX_P95} ms\n` : `\nOK: every p95 is under ${MAX_P95} ms\n`,
    );
  } finally {
    if (api) {
      const proc = api.proc;
      await new Promise<void>((res) => {
        if (proc.exitCode !== null) return res();
        proc.once('exit', () => res());
        proc.kill('SIGTERM');
      });
    }
    if (process.env['BENCH_KEEP'] !== '1' && !reuse)
      await pg(null, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    else process.stdout.write(`Kept schema ${schema}\n`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
