/**
 * `npm run bench:engine [-- --rows 10000000] [--customers 100000] [--seed 42] [--no-postgres] [--no-pandas] [--runs 2]`
 *
 * Generates (seeded, under tmp/bench) an orders CSV with planted defects and a customers CSV, runs the
 * seven seed rule types through the DuckDB back end (the file read by DuckDB, typed by the compiled SQL)
 * and prints rows/s, peak RSS and time per phase; then the same checks written by hand as one DuckDB
 * query over the file, and the ratio; then the same rule set on PostgreSQL after loading the table,
 * with its EXPLAIN (one scan of the table) and the same statement run directly. The same seven checks
 * also run in pandas (pandas_reference.py), interleaved with ours so both see the same machine, when a
 * Python with pandas is found (`BENCH_PYTHON`, else `python3`, else Debian's `/usr/bin/python3`; on
 * Debian `apt-get install python3-pandas`); issue 3's reference timings (2.8 s at 1M rows, 25.5 s at
 * 10M, measured on another machine) are printed beside them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseRule } from '../src/lib/dsl/parse';
import type { DatasetRef, RuleSetResult, RuleToRun, SqlRunner } from '../src/lib/model';
import { compileRuleSet } from '../src/lib/sql/compile';
import { dialectFor } from '../src/lib/sql/dialects';
import { runRuleSet } from '../src/lib/sql/run';
import { duckdbDatabase, postgresDatabase } from '../test/support/runners';
import { TEST_DATABASE_URL } from '../test/support/services';
import { generate, STATUSES, type Planted } from './generate';

interface Args {
  rows: number;
  customers: number;
  seed: number;
  postgres: boolean;
  runs: number;
  memoryLimit: string;
  threads: number;
  pandas: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    rows: 1_000_000,
    customers: 100_000,
    seed: 42,
    postgres: true,
    runs: 2,
    memoryLimit: '1GB',
    threads: 2,
    pandas: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--rows') args.rows = Number(next());
    else if (a === '--customers') args.customers = Number(next());
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--runs') args.runs = Number(next());
    else if (a === '--memory-limit') args.memoryLimit = next();
    else if (a === '--threads') args.threads = Number(next());
    else if (a === '--no-postgres') args.postgres = false;
    else if (a === '--no-pandas') args.pandas = false;
    else throw new Error(`Unknown argument ${a}`);
  }
  for (const k of ['rows', 'customers', 'runs', 'threads'] as const) {
    if (!Number.isInteger(args[k]) || args[k] < 1) throw new Error(`--${k} must be a positive integer`);
  }
  return args;
}

/** The seed rule set: the seven rule types of the seed's sample rules. */
const RULES: { text: string; planted: keyof Planted }[] = [
  { text: 'NOT_NULL(email)', planted: 'notNullEmail' },
  { text: 'UNIQUE(order_id)', planted: 'uniqueOrderId' },
  { text: 'IN_RANGE(amount, 0, 10000)', planted: 'inRangeAmount' },
  { text: "MATCHES(email, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')", planted: 'matchesEmail' },
  { text: 'FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)', planted: 'foreignKeyCustomer' },
  {
    text: `ACCEPTED_VALUES(status, [${STATUSES.map((s) => `'${s}'`).join(', ')}])`,
    planted: 'acceptedStatus',
  },
  { text: "CUSTOM(amount > 0 OR status = 'cancelled')", planted: 'customAmountOrCancelled' },
];

const PANDAS_REFERENCE_S: Record<number, number> = { 1_000_000: 2.8, 10_000_000: 25.5 };

function rules(): RuleToRun[] {
  return RULES.map((r, i) => {
    const p = parseRule(r.text);
    if (!p.ok) throw new Error(`${r.text}: ${p.errors[0]?.message}`);
    return { id: `r${i}`, ast: p.ast };
  });
}

function datasets(ordersSource: DatasetRef['source'], customersSource: DatasetRef['source']) {
  const orders: DatasetRef = {
    name: 'orders',
    schema: {
      columns: [
        { name: 'order_id', type: 'integer' },
        { name: 'customer_id', type: 'integer' },
        { name: 'email', type: 'string' },
        { name: 'amount', type: 'decimal' },
        { name: 'status', type: 'string' },
        { name: 'created_at', type: 'timestamp' },
        { name: 'country', type: 'string' },
        { name: 'note', type: 'string' },
      ],
      nullMarkers: [],
      keyColumns: ['order_id'],
    },
    source: ordersSource,
  };
  const customers: DatasetRef = {
    name: 'customers',
    schema: {
      columns: [
        { name: 'customer_id', type: 'integer' },
        { name: 'name', type: 'string' },
        { name: 'email', type: 'string' },
        { name: 'country', type: 'string' },
        { name: 'since', type: 'date' },
      ],
      nullMarkers: [],
    },
    source: customersSource,
  };
  return {
    orders,
    customers,
    resolveDataset: (n: string) => (n.toLowerCase() === 'customers' ? customers : undefined),
  };
}

/** Wraps a runner to time each statement, labelled in the order runRuleSet issues them. */
function timed(runner: SqlRunner) {
  const log: { sql: string; ms: number }[] = [];
  const wrapped: SqlRunner = {
    dialect: runner.dialect,
    async query(sql, params) {
      const t = performance.now();
      const rows = await runner.query(sql, params);
      log.push({ sql, ms: performance.now() - t });
      return rows as never;
    },
  };
  return { runner: wrapped, log };
}

const INTROSPECTION = /information_schema|DESCRIBE|sniff_csv/;

function phases(log: { sql: string; ms: number }[]) {
  let introspect = 0;
  let aggregate = 0;
  let samples = 0;
  for (const e of log) {
    if (INTROSPECTION.test(e.sql)) introspect += e.ms;
    else if (/COUNT\(\*\) AS n\b/.test(e.sql)) aggregate += e.ms;
    else samples += e.ms;
  }
  return { introspect, aggregate, samples };
}

function sampleTimes(log: { sql: string; ms: number }[]): number[] {
  return log
    .filter((e) => !INTROSPECTION.test(e.sql) && !/COUNT\(\*\) AS n\b/.test(e.sql))
    .map((e) => Math.round(e.ms));
}

function checkPlanted(result: RuleSetResult, planted: Planted, label: string): boolean {
  let ok = true;
  RULES.forEach((r, i) => {
    const got = result.results[i];
    const want = planted[r.planted];
    if (got.failedCount !== want || got.rowsChecked !== planted.rows) {
      ok = false;
      console.log(
        `  ! ${label}: ${r.text}: ${got.verdict} ${got.rowsChecked}/${got.failedCount} ${got.error ?? ''} — planted ${want}`,
      );
    }
  });
  return ok;
}

interface PandasRun {
  total_s: number;
  read_s: number;
  checks_s: number;
  samples_s: number;
  counts: Record<string, number>;
  pandas: string;
}

const PANDAS_SCRIPT = resolve(__dirname, 'pandas_reference.py');
const PANDAS_COUNTS: Record<string, keyof Planted> = {
  not_null: 'notNullEmail',
  unique: 'uniqueOrderId',
  in_range: 'inRangeAmount',
  matches: 'matchesEmail',
  foreign_key: 'foreignKeyCustomer',
  accepted_values: 'acceptedStatus',
  custom: 'customAmountOrCancelled',
};

/** A Python that imports pandas, or undefined (the comparison is then left out). */
function findPandas(): string | undefined {
  const candidates = [process.env['BENCH_PYTHON'], 'python3', '/usr/bin/python3'];
  return candidates.find(
    (py) => py && spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0,
  );
}

function runPandas(python: string, ordersPath: string, customersPath: string, planted: Planted): PandasRun {
  const out = execFileSync(python, [PANDAS_SCRIPT, ordersPath, customersPath], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const run = JSON.parse(out.trim().split('\n').pop() ?? '{}') as PandasRun;
  for (const [name, key] of Object.entries(PANDAS_COUNTS)) {
    if (run.counts[name] !== planted[key]) {
      throw new Error(`pandas found ${run.counts[name]} for ${name}, planted ${planted[key]}`);
    }
  }
  return run;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;

/** The same seven checks as one hand-written DuckDB query over the file (DuckDB's own casts). */
function handWrittenSql(): string {
  const statuses = STATUSES.map((x) => `'${x}'`).join(', ');
  return `
WITH o AS (
  SELECT TRY_CAST(trim(order_id) AS BIGINT) AS order_id, TRY_CAST(trim(customer_id) AS BIGINT) AS customer_id,
         NULLIF(trim(email), '') AS email, NULLIF(trim(amount), '') AS amount_text,
         TRY_CAST(trim(amount) AS DOUBLE) AS amount, NULLIF(trim(status), '') AS status
  FROM read_csv($1, all_varchar = true, header = true)
),
dup AS (SELECT order_id FROM o WHERE order_id IS NOT NULL GROUP BY order_id HAVING count(*) > 1),
c AS (SELECT DISTINCT TRY_CAST(customer_id AS BIGINT) AS id FROM read_csv($2, all_varchar = true, header = true))
SELECT count(*) AS n,
  count(*) FILTER (WHERE email IS NULL) AS not_null,
  count(*) FILTER (WHERE order_id IN (SELECT order_id FROM dup)) AS uniq,
  count(*) FILTER (WHERE amount_text IS NOT NULL AND (amount IS NULL OR amount < 0 OR amount > 10000)) AS in_range,
  count(*) FILTER (WHERE NOT regexp_matches(email, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')) AS matches,
  count(*) FILTER (WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT id FROM c WHERE id IS NOT NULL)) AS fk,
  count(*) FILTER (WHERE status NOT IN (${statuses})) AS accepted,
  count(*) FILTER (WHERE NOT (amount > 0 OR status = 'cancelled')) AS custom
FROM o`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(__dirname, '..', '..', '..');
  const dir = resolve(root, 'tmp', 'bench');
  mkdirSync(resolve(dir, 'duckdb-spill'), { recursive: true });
  console.log(
    `Data Quality Watchtower — rule engine benchmark (${args.rows.toLocaleString('en-US')} orders, ${args.customers.toLocaleString('en-US')} customers, seed ${args.seed})`,
  );

  let t = performance.now();
  const gen = generate(dir, args.rows, args.customers, args.seed);
  console.log(`generate: ${gen.reused ? 'reused' : s(performance.now() - t)} → ${gen.ordersPath}`);

  // DuckDB, reading the file.
  const duck = await duckdbDatabase({
    memoryLimit: args.memoryLimit,
    threads: args.threads,
    tempDirectory: resolve(dir, 'duckdb-spill'),
  });
  const files = datasets({ kind: 'csv', path: gen.ordersPath }, { kind: 'csv', path: gen.customersPath });
  const rs = rules();
  const ours: number[] = [];
  const aggregates: number[] = [];
  const hand: number[] = [];
  const pandasRuns: PandasRun[] = [];
  const python = args.pandas ? findPandas() : undefined;
  let last: { result: RuleSetResult; log: { sql: string; ms: number }[] } | undefined;
  const runOurs = async () => {
    const tr = timed(duck.runner);
    const t0 = performance.now();
    const result = await runRuleSet(tr.runner, files.orders, rs, { resolveDataset: files.resolveDataset });
    ours.push(performance.now() - t0);
    last = { result, log: tr.log };
    aggregates.push(phases(tr.log).aggregate);
  };
  const runHand = async () => {
    const t0 = performance.now();
    const rows = await duck.runner.query(handWrittenSql(), [gen.ordersPath, gen.customersPath]);
    hand.push(performance.now() - t0);
    return rows[0] as Record<string, unknown>;
  };
  for (let run = 0; run < args.runs; run++) {
    // Alternating which goes first, so neither always meets the machine warmer or busier.
    let h: Record<string, unknown>;
    if (run % 2 === 0) {
      await runOurs();
      h = await runHand();
    } else {
      h = await runHand();
      await runOurs();
    }
    if (python) pandasRuns.push(runPandas(python, gen.ordersPath, gen.customersPath, gen.planted));
    if (run === 0) {
      console.log(
        `hand-written counts: ${['not_null', 'uniq', 'in_range', 'matches', 'fk', 'accepted', 'custom'].map((k) => `${k}=${String(h[k])}`).join(' ')}`,
      );
    }
  }
  if (!last) return;
  const ok = checkPlanted(last.result, gen.planted, 'duckdb');
  const best = Math.min(...ours);
  const bestHand = Math.min(...hand);
  const ph = phases(last.log);
  const rss = process.resourceUsage().maxRSS;
  console.log('\nDuckDB back end (file read with all_varchar, typed by the compiled SQL)');
  console.log(
    `  rules: ${RULES.length}, verdicts: ${last.result.results.map((r) => r.verdict[0]).join('')}, planted defects found exactly: ${ok ? 'yes' : 'NO'}`,
  );
  console.log(
    `  plan: ${last.result.plan.scans} aggregate statement, ${last.result.plan.sampleQueries} sample queries, ${last.result.plan.rowsScanned.toLocaleString('en-US')} rows scanned`,
  );
  console.log(
    `  phases (last run): introspect ${s(ph.introspect)}, aggregate ${s(ph.aggregate)}, samples ${s(ph.samples)}`,
  );
  console.log(`  sample queries (ms, by rule): ${sampleTimes(last.log).join(' ')}`);
  console.log(`  total: ${ours.map(s).join(' / ')} (best ${s(best)}), ${rate(args.rows, best)}`);
  console.log(
    `  peak RSS of this process (Node + DuckDB, memory_limit ${args.memoryLimit}, ${args.threads} threads): ${mb(rss)}`,
  );
  const bestAggregate = Math.min(...aggregates);
  console.log(
    `  hand-written single DuckDB query (counts only): ${hand.map(s).join(' / ')} (best ${s(bestHand)}); ` +
      `our aggregate statement (counts only): ${aggregates.map(s).join(' / ')} (best ${s(bestAggregate)}) → ` +
      `${(bestAggregate / bestHand).toFixed(2)}× the hand-written query; whole run with evidence: ${(best / bestHand).toFixed(2)}×`,
  );
  if (pandasRuns.length) {
    const bestPandas = pandasRuns.reduce((a, b) => (b.total_s < a.total_s ? b : a));
    console.log(
      `  pandas ${bestPandas.pandas}, same checks and files, measured here between our runs (counts equal the planted defects): ` +
        `${pandasRuns.map((r) => `${r.total_s.toFixed(2)} s`).join(' / ')} (best ${bestPandas.total_s.toFixed(2)} s: read ${bestPandas.read_s.toFixed(2)} s, ` +
        `checks ${bestPandas.checks_s.toFixed(2)} s, samples ${bestPandas.samples_s.toFixed(2)} s) → ` +
        `the whole run with evidence ${(bestPandas.total_s / (best / 1000)).toFixed(2)}× as fast as pandas, ` +
        `the aggregate statement ${(bestPandas.total_s / (bestAggregate / 1000)).toFixed(2)}×`,
    );
  } else {
    console.log('  pandas: not measured (no Python with pandas found; apt-get install python3-pandas)');
  }
  const reference = PANDAS_REFERENCE_S[args.rows];
  if (reference) {
    console.log(
      `  issue 3's pandas reference (measured on another machine): ${reference} s → the whole run ${(reference / (best / 1000)).toFixed(2)}× as fast`,
    );
  }
  const duckPlan = compileRuleSet(dialectFor('duckdb'), files.orders, rs, {
    resolveDataset: files.resolveDataset,
  }).statement;
  if (duckPlan) {
    const ex = (await duck.runner.query(`EXPLAIN ${duckPlan.sql}`, duckPlan.params)) as Record<
      string,
      string
    >[];
    const text = ex.map((r) => r['explain_value'] ?? '').join('\n');
    console.log(
      `  the aggregate statement's plan reads ${(text.match(/Function: READ_CSV/g) ?? []).length} CSV scans: orders once (materialized for UNIQUE), customers once (FOREIGN_KEY)`,
    );
  }
  await duck.close();

  if (!args.postgres) return;
  // PostgreSQL: load the same files into a schema of its own, then run the same rule set.
  const pgdb = await postgresDatabase();
  const schema = pgdb.schema ?? 'public';
  try {
    const q = (id: string) => dialectFor('postgres').quoteIdent(id);
    await pgdb.runner.query(
      `CREATE TABLE ${q(schema)}.orders (order_id text, customer_id text, email text, amount text, status text, created_at text, country text, note text)`,
      [],
    );
    await pgdb.runner.query(
      `CREATE TABLE ${q(schema)}.customers (customer_id text, name text, email text, country text, since text)`,
      [],
    );
    t = performance.now();
    for (const [table, path] of [
      ['orders', gen.ordersPath],
      ['customers', gen.customersPath],
    ]) {
      execFileSync(
        'psql',
        [
          TEST_DATABASE_URL,
          '-q',
          '-c',
          `\\copy ${q(schema)}.${table} FROM '${path}' WITH (FORMAT csv, HEADER true)`,
        ],
        {
          stdio: 'inherit',
        },
      );
    }
    await pgdb.runner.query(`ANALYZE ${q(schema)}.orders`, []);
    const loadMs = performance.now() - t;
    const tables = datasets(
      { kind: 'table', table: 'orders', schema },
      { kind: 'table', table: 'customers', schema },
    );
    const options = { resolveDataset: tables.resolveDataset };
    const st = compileRuleSet(dialectFor('postgres'), tables.orders, rs, options).statement;
    if (!st) throw new Error('no statement');
    // Alternate: the engine with evidence, the engine counting only, the generated statement alone.
    const full: number[] = [];
    const countsOnly: number[] = [];
    const direct: number[] = [];
    let result: RuleSetResult | undefined;
    let ph2 = { introspect: 0, aggregate: 0, samples: 0 };
    for (let run = 0; run < args.runs; run++) {
      const tr = timed(pgdb.runner);
      t = performance.now();
      result = await runRuleSet(tr.runner, tables.orders, rs, options);
      full.push(performance.now() - t);
      ph2 = phases(tr.log);
      t = performance.now();
      await runRuleSet(pgdb.runner, tables.orders, rs, { ...options, sampleSize: 0 });
      countsOnly.push(performance.now() - t);
      t = performance.now();
      await pgdb.runner.query(st.sql, st.params);
      direct.push(performance.now() - t);
    }
    if (!result) return;
    const pgOk = checkPlanted(result, gen.planted, 'postgres');
    const explain = (await pgdb.runner.query(`EXPLAIN ${st.sql}`, st.params)) as { 'QUERY PLAN': string }[];
    const planText = explain.map((r) => r['QUERY PLAN']).join('\n');
    const bestDirect = Math.min(...direct);
    const bestCounts = Math.min(...countsOnly);
    console.log('\nPostgreSQL back end (TEXT table loaded from the same file)');
    console.log(`  load (psql \\copy + ANALYZE): ${s(loadMs)}`);
    console.log(
      `  planted defects found exactly: ${pgOk ? 'yes' : 'NO'}; verdicts ${result.results.map((r) => r.verdict[0]).join('')}`,
    );
    console.log(
      `  with samples: ${full.map(s).join(' / ')} (best ${s(Math.min(...full))}, ${rate(args.rows, Math.min(...full))}); last run: introspect ${s(ph2.introspect)}, aggregate ${s(ph2.aggregate)}, samples ${s(ph2.samples)}`,
    );
    console.log(
      `  counts only (sampleSize 0): ${countsOnly.map(s).join(' / ')}; the generated statement run directly: ${direct.map(s).join(' / ')}; best vs best: ${((bestCounts / bestDirect - 1) * 100).toFixed(1)}% over it`,
    );
    console.log(
      `  scans of orders in the plan: ${(planText.match(/Seq Scan on orders/g) ?? []).length} (customers: ${(planText.match(/Seq Scan on customers/g) ?? []).length})`,
    );
    console.log(
      planText
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  } finally {
    await pgdb.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
