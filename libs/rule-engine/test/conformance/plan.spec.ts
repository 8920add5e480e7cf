/**
 * The shape of what runs: one aggregate statement per rule set (one table scan on PostgreSQL, shown by
 * EXPLAIN), one bounded sample query per failing rule, the recorded plan; and `(a+)+$` on a long
 * string finishing promptly on every back end (no database backtracking engine ever sees it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRule } from '../../src/lib/dsl/parse';
import { runInMemory } from '../../src/lib/executors/in-memory';
import type { DatasetRef, RuleToRun, SqlDialect } from '../../src/lib/model';
import { compileRuleSet } from '../../src/lib/sql/compile';
import { dialectFor } from '../../src/lib/sql/dialects';
import { runRuleSet } from '../../src/lib/sql/run';
import {
  duckdbDatabase,
  mysqlDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/runners';
import { serviceAvailable } from '../support/services';
import { RE2_ENGINE, removeDir, tempDir } from './harness';

const rules = (texts: string[]): RuleToRun[] =>
  texts.map((t, i) => {
    const p = parseRule(t);
    if (!p.ok) throw new Error(t);
    return { id: `r${i}`, ast: p.ast };
  });

const SEVEN = rules([
  'NOT_NULL(email)',
  'UNIQUE(id)',
  'IN_RANGE(amount, 0, 100)',
  "MATCHES(email, '^[^@ ]+@[^@ ]+$')",
  "ACCEPTED_VALUES(status, ['new', 'paid'])",
  "CUSTOM(amount > 0 OR status = 'paid')",
  'ROW_COUNT(1, null)',
]);

const COLS = ['id', 'email', 'amount', 'status'];
const DATA = [
  ['1', 'a@x', '5', 'new'],
  ['2', '', '500', 'paid'],
  ['2', 'bad', '-1', 'lost'],
  ['4', 'd@x', '7', 'new'],
];

function tableRef(db: TestDatabase, table: string): DatasetRef {
  return {
    name: 'orders',
    schema: {
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'email', type: 'string' },
        { name: 'amount', type: 'decimal' },
        { name: 'status', type: 'string' },
      ],
      nullMarkers: [],
      keyColumns: ['id'],
    },
    source: { kind: 'table', table, ...(db.schema ? { schema: db.schema } : {}) },
  };
}

async function withDb(
  dialect: Exclude<SqlDialect, 'duckdb'>,
  ctx: { skip(): void },
  fn: (db: TestDatabase) => Promise<void>,
) {
  let db: TestDatabase | undefined;
  const open =
    dialect === 'postgres'
      ? postgresDatabase
      : dialect === 'mysql'
        ? mysqlDatabase
        : () => sqliteDatabase(RE2_ENGINE);
  if (!(await serviceAvailable(dialect, async () => void (db = await open())))) return ctx.skip();
  try {
    await fn(db as TestDatabase);
  } finally {
    await (db as TestDatabase).close();
  }
}

describe('plan', () => {
  it('postgres: all aggregate checks in one statement and one scan of the table (EXPLAIN)', async (ctx) => {
    await withDb('postgres', ctx, async (db) => {
      await db.loadTable(
        'orders',
        COLS.map((name) => ({ name })),
        DATA,
      );
      const ds = tableRef(db, 'orders');
      const plan = compileRuleSet(dialectFor('postgres'), ds, SEVEN);
      const st = plan.statement;
      if (!st) throw new Error('no statement');
      const explain = await db.runner.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${st.sql}`, st.params);
      const text = explain.map((r) => r['QUERY PLAN']).join('\n');
      expect(text.match(/Seq Scan on orders/g)).toHaveLength(1);

      const result = await runRuleSet(db.runner, ds, SEVEN);
      // Introspection, the aggregate statement, and one sample query per failing row-level rule.
      const failing = result.results.filter((r) => r.verdict === 'FAILED').length;
      expect(failing).toBe(6);
      expect(result.plan).toMatchObject({ scans: 1, rowsScanned: 4, sampleQueries: 6 });
      expect(result.plan.statements).toHaveLength(1 + 1 + 6);
      expect(result.results[1].samples.map((s) => s.key)).toEqual([{ id: '2' }, { id: '2' }]);
    });
  });

  it('mysql: patterns are matched in the client, in one extra pass', async (ctx) => {
    await withDb('mysql', ctx, async (db) => {
      await db.loadTable(
        'orders',
        COLS.map((name) => ({ name })),
        DATA,
      );
      const result = await runRuleSet(db.runner, tableRef(db, 'orders'), SEVEN, { regexEngine: RE2_ENGINE });
      expect(result.plan.scans).toBe(2);
      expect(result.results[3]).toMatchObject({ rowsChecked: 4, failedCount: 1, verdict: 'FAILED' });
      expect(result.plan.statements.join('\n')).not.toMatch(/REGEXP \?|REGEXP CONVERT\(\?/);
    });
  });

  it('duckdb: rows of a file with quoted newlines are numbered by record', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'nl.csv');
    writeFileSync(path, 'id,note\n1,"a\nb\nc"\n2,""\n3,"x\n"\n4,\n');
    const db = await duckdbDatabase();
    try {
      const ds: DatasetRef = {
        name: 'nl',
        schema: {
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'note', type: 'string' },
          ],
          nullMarkers: [],
        },
        source: { kind: 'csv', path },
      };
      const result = await runRuleSet(db.runner, ds, rules(['NOT_NULL(note)']));
      expect(result.results[0].samples.map((s) => [s.rowNumber, s.values['id']])).toEqual([
        [2, '2'],
        [4, '4'],
      ]);
    } finally {
      await db.close();
      removeDir(dir);
    }
  });
});

describe('duckdb: a file is sniffed once per run; UNIQUE and FOREIGN_KEY samples come from the key list', () => {
  // Keys that sort differently by UTF-16 unit and by code point (DuckDB's order), padded and
  // zero-led duplicates, and an unreadable foreign key: the filter on the aggregate's list must give
  // exactly the rows recomputing the rule gives.
  const KEYS = ['\u{1F600}', '\uFFFD', 'é', 'Z', 'a', ' a', 'a ', 'b'];
  const rows: string[] = [];
  for (let i = 1; i <= 3000; i++) {
    const id = i % 997 === 0 ? '7' : i === 2500 ? '007' : i === 2900 ? ' 41 ' : String(i);
    // Every 450th code repeats: U+FFFD and U+1F600, whose order differs between UTF-16 and UTF-8.
    const code = i % 450 === 0 ? KEYS[1 - ((i / 450) % 2)] : KEYS[i % KEYS.length] + String(i);
    const customer = i % 613 === 0 ? String(900 + (i % 3)) : i === 1234 ? 'x12' : String(1 + (i % 50));
    // Dates are listed by their text: every 700th day repeats the first.
    const day = new Date(Date.UTC(2020, 0, 1 + (i % 700 === 0 ? 0 : i))).toISOString().slice(0, 10);
    rows.push(`${id},"${code}",${customer},${i % 2 ? 'a' : 'b'},${day}`);
  }
  const ids = ['id', 'code', 'customer', 'kind', 'day'];
  let dir: string;
  let ds: DatasetRef;
  let resolveDataset: (n: string) => DatasetRef | undefined;
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.csv'), `${ids.join(',')}\n${rows.join('\n')}\n`);
    const cids = Array.from({ length: 50 }, (_v, i) => `${i + 1}`).join('\n');
    writeFileSync(join(dir, 'cust.csv'), `cid\n${cids}\n`);
    ds = {
      name: 'main',
      schema: {
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'code', type: 'string' },
          { name: 'customer', type: 'integer' },
          { name: 'kind', type: 'string' },
          { name: 'day', type: 'date' },
        ],
        nullMarkers: [],
      },
      source: { kind: 'csv', path: join(dir, 'main.csv') },
    };
    const cust: DatasetRef = {
      name: 'cust',
      schema: { columns: [{ name: 'cid', type: 'integer' }], nullMarkers: [] },
      source: { kind: 'csv', path: join(dir, 'cust.csv') },
    };
    resolveDataset = (n) => (n === 'cust' ? cust : undefined);
  });
  afterAll(() => removeDir(dir));

  const RULES = rules([
    'UNIQUE(id)',
    "UNIQUE(code) WHERE kind = 'b'",
    'FOREIGN_KEY(customer) REFERENCES cust(cid)',
    'UNIQUE(id, kind)',
    'NOT_NULL(id)',
    'UNIQUE(day)',
  ]);

  it.each([3, 1000])('sample size %i: the same rows as recomputing the rule', async (sampleSize) => {
    const db = await duckdbDatabase();
    try {
      const fast = await runRuleSet(db.runner, ds, RULES, { resolveDataset, sampleSize });
      const slow = await runRuleSet(db.runner, ds, RULES, { resolveDataset, sampleSize, keyListRows: 1 });
      const rowsOf = (r: typeof fast) =>
        r.results.map((x) => [x.failedCount, x.samples.map((s) => [s.rowNumber, s.values['id']])]);
      expect(rowsOf(fast)).toEqual(rowsOf(slow));
      // Failing rows exist for every rule but NOT_NULL, and the samples reach the far end of the file.
      expect(fast.results.map((r) => r.verdict)).toEqual([
        'FAILED',
        'FAILED',
        'FAILED',
        'FAILED',
        'PASSED',
        'FAILED',
      ]);
      expect(fast.results[0].failedCount).toBe(7);
      expect(fast.results[1].failedCount).toBe(6);
      expect(fast.results[2].failedCount).toBe(5);
      expect(fast.results[5].failedCount).toBe(4);

      const sql = fast.plan.statements;
      expect(sql.filter((s) => s.includes('sniff_csv'))).toHaveLength(2);
      const reads = sql.filter((s) => s.includes('read_csv('));
      expect(reads.every((s) => !s.includes('auto_detect = true'))).toBe(true);
      const samples = sql.slice(-fast.plan.sampleQueries);
      expect(samples).toHaveLength(5);
      // The single-column UNIQUEs and FOREIGN_KEY filter on the list; the composite UNIQUE can't.
      expect(samples.map((s) => s.includes('list_contains') && !/GROUP BY|JOIN/.test(s))).toEqual([
        true,
        true,
        true,
        false,
        true,
      ]);
      const slowSamples = slow.plan.statements.slice(-slow.plan.sampleQueries);
      expect(slowSamples.every((s) => !s.includes('list_contains'))).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe('catastrophic patterns finish promptly on every back end', () => {
  const LONG = `${'a'.repeat(100_000)}b`;
  const PATTERNS = rules([
    "MATCHES(v, '(a+)+$')",
    "CUSTOM(regexp_like(v, '(a|aa)+$'))",
    "MATCHES(v, '(a*)*c')",
  ]);
  const schema = { columns: [{ name: 'v', type: 'string' as const }], nullMarkers: [] };
  const LIMIT_MS = 5000;

  it('duckdb', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'long.csv');
    writeFileSync(path, `v\n${LONG}\nab\n`);
    const db = await duckdbDatabase();
    try {
      const t = performance.now();
      const r = await runRuleSet(db.runner, { name: 'l', schema, source: { kind: 'csv', path } }, PATTERNS);
      expect(performance.now() - t).toBeLessThan(LIMIT_MS);
      expect(r.results.map((x) => x.failedCount)).toEqual([2, 2, 2]);
    } finally {
      await db.close();
      removeDir(dir);
    }
  });

  it.for(['postgres', 'mysql', 'sqlite'] as const)('%s', async (dialect, ctx) => {
    await withDb(dialect, ctx, async (db) => {
      await db.loadTable('long_t', [{ name: 'v' }], [[LONG], ['ab']]);
      const ds: DatasetRef = {
        name: 'l',
        schema,
        source: { kind: 'table', table: 'long_t', ...(db.schema ? { schema: db.schema } : {}) },
      };
      const t = performance.now();
      const r = await runRuleSet(db.runner, ds, PATTERNS, { regexEngine: RE2_ENGINE });
      expect(performance.now() - t).toBeLessThan(LIMIT_MS);
      expect(r.results.map((x) => x.failedCount)).toEqual([2, 2, 2]);
    });
  });

  it('memory', () => {
    const rows = [{ v: LONG }, { v: 'ab' }];
    const t = performance.now();
    const r = runInMemory(PATTERNS, { schema, rows }, { regexEngine: RE2_ENGINE });
    expect(performance.now() - t).toBeLessThan(LIMIT_MS);
    expect(r.results.map((x) => x.failedCount)).toEqual([2, 2, 2]);
  });
});
