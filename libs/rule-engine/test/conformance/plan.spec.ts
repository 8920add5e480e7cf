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
