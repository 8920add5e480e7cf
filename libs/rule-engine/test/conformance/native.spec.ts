/**
 * Native columns (`storage: 'native'`): tables with real INTEGER / NUMERIC / DATE / TIMESTAMP / BOOLEAN
 * / TEXT columns on PostgreSQL, MariaDB and SQLite, checked against the expectations and against the
 * in-memory back end given the same values as text.
 */
import { parseRule } from '../../src/lib/dsl/parse';
import { runInMemory } from '../../src/lib/executors/in-memory';
import type { ColumnSchema, DatasetRef, RuleSetResult, SqlDialect } from '../../src/lib/model';
import { runRuleSet } from '../../src/lib/sql/run';
import { mysqlDatabase, postgresDatabase, sqliteDatabase, type TestDatabase } from '../support/runners';
import { serviceAvailable } from '../support/services';
import { normalize, RE2_ENGINE, ROW_COLUMN } from './harness';
import type { CaseRow } from './types';

const SQL_TYPES: Record<Exclude<SqlDialect, 'duckdb'>, Record<string, string>> = {
  postgres: {
    id: 'integer',
    amount: 'numeric(12,2)',
    qty: 'integer',
    day: 'date',
    at: 'timestamp(3)',
    flag: 'boolean',
    name: 'text',
  },
  mysql: {
    id: 'INT',
    amount: 'DECIMAL(12,2)',
    qty: 'INT',
    day: 'DATE',
    at: 'DATETIME(3)',
    flag: 'BOOLEAN',
    name: 'TEXT',
  },
  sqlite: {
    id: 'INTEGER',
    amount: 'NUMERIC',
    qty: 'INTEGER',
    day: 'DATE',
    at: 'TIMESTAMP',
    flag: 'BOOLEAN',
    name: 'TEXT',
  },
};

const COLUMNS: ColumnSchema[] = [
  { name: 'id', type: 'integer', storage: 'native' },
  { name: 'amount', type: 'decimal', storage: 'native' },
  { name: 'qty', type: 'integer', storage: 'native' },
  { name: 'day', type: 'date', storage: 'native' },
  { name: 'at', type: 'timestamp', storage: 'native' },
  { name: 'flag', type: 'boolean', storage: 'native' },
  { name: 'name', type: 'string', storage: 'native' },
];

/** Rows as text (what the in-memory back end gets); `null` is SQL NULL. */
const ROWS: (string | null)[][] = [
  ['1', '10.50', '3', '2024-01-01', '2024-01-01 10:00:00', 'true', 'alice'],
  ['2', null, '0', '2024-02-29', '2024-02-29 23:59:59.999', 'false', ''],
  ['3', '-5.25', null, null, null, null, ' bob '],
  ['4', '10.5', '7', '2023-12-31', '2024-01-02 00:00:00', 'true', 'N/A'],
  ['5', '0', '2', '2024-06-15', '2024-06-15 12:00:00', 'false', null],
];

const CASES: CaseRow[] = [
  ['NOT_NULL(amount)', 5, 1, 'FAILED', [2]],
  ['NOT_NULL(name)', 5, 2, 'FAILED', [4, 5]],
  ['UNIQUE(amount)', 5, 2, 'FAILED', [1, 4]],
  ['IN_RANGE(amount, 0, 10)', 5, 3, 'FAILED', [1, 3, 4]],
  ["IN_RANGE(day, '2024-01-01', '2024-12-31')", 5, 1, 'FAILED', [4]],
  ['CUSTOM(at > day)', 5, 0, 'PASSED'],
  ['CUSTOM(date(at) = day)', 5, 1, 'FAILED', [4]],
  ['ACCEPTED_VALUES(flag, [true])', 5, 2, 'FAILED', [2, 5]],
  ['CUSTOM(flag OR qty > 2)', 5, 2, 'FAILED', [2, 5]],
  ["CUSTOM(name = ' bob ' OR name IS NULL)", 5, 2, 'FAILED', [1, 2]],
  ["MATCHES(name, '^ ')", 5, 2, 'FAILED', [1, 2]],
  ['CUSTOM(length(name) = 5)', 5, 1, 'FAILED', [2]],
  ['CUSTOM(amount * qty > 30)', 5, 1, 'FAILED', [5]],
  ["FRESHNESS(at, '1d')", 5, 0, 'PASSED'],
  ["FRESHNESS(day, '12h')", 5, 1, 'FAILED'],
  ['ROW_COUNT(5, 5)', 5, 0, 'PASSED'],
  ["IN_RANGE(at, null, '2024-06-15T11:59:59Z')", 5, 1, 'FAILED', [5]],
  ['UNIQUE(flag)', 5, 4, 'FAILED', [1, 2, 4, 5]],
  ['CUSTOM(qty / 0 IS NULL)', 5, 0, 'PASSED'],
  ['UNIQUE(id) WHERE flag', 2, 0, 'PASSED'],
  ['CUSTOM(length(amount) > 0)', /text columns/],
];

const NOW = new Date('2024-06-16T00:00:00Z');
const rules = CASES.map((c, i) => {
  const p = parseRule(c[0]);
  if (!p.ok) throw new Error(c[0]);
  return { id: `c${i}`, ast: p.ast };
});

function check(name: string, result: RuleSetResult): void {
  const got = result.results.map(normalize);
  CASES.forEach((c, k) => {
    const actual = got[k];
    if (c.length === 2) {
      expect.soft(actual.verdict, `${name}: ${c[0]}`).toBe('ERROR');
      expect.soft(actual.error ?? '', `${name}: ${c[0]}`).toMatch(c[1]);
      return;
    }
    const [text, rowsChecked, failedCount, verdict, samples] = c;
    expect
      .soft(
        { rowsChecked: actual.rowsChecked, failedCount: actual.failedCount, verdict: actual.verdict },
        `${name}: ${text} ${actual.error ?? ''}`,
      )
      .toEqual({ rowsChecked, failedCount, verdict });
    if (samples) expect.soft(actual.samples, `${name}: ${text} samples`).toEqual(samples);
  });
}

function nativeValue(dialect: SqlDialect, column: string, v: string | null): unknown {
  if (v === null) return null;
  if (column === 'flag') return dialect === 'postgres' ? v === 'true' : v === 'true' ? 1 : 0;
  if (['id', 'qty', 'amount'].includes(column)) return Number(v);
  return v;
}

describe('native columns', () => {
  it('in memory (the oracle), from the values as text', () => {
    const schema = { columns: COLUMNS, nullMarkers: ['N/A'] };
    const rows = ROWS.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c.name, r[i]])));
    check('memory', runInMemory(rules, { schema, rows }, { now: NOW, regexEngine: RE2_ENGINE }));
  });

  it.for(['postgres', 'mysql', 'sqlite'] as const)('%s', async (dialect, ctx) => {
    let db: TestDatabase | undefined;
    const open =
      dialect === 'postgres' ? postgresDatabase : dialect === 'mysql' ? mysqlDatabase : sqliteDatabase;
    if (!(await serviceAvailable(dialect, async () => void (db = await open())))) return ctx.skip();
    const conn = db as TestDatabase;
    try {
      const types = SQL_TYPES[dialect];
      await conn.loadTable(
        'native_t',
        [
          ...COLUMNS.map((c) => ({ name: c.name, sqlType: types[c.name] })),
          { name: ROW_COLUMN, sqlType: types['id'] },
        ],
        ROWS.map((r, i) => [...r.map((v, j) => nativeValue(dialect, COLUMNS[j].name, v)), i + 1]),
      );
      const ds: DatasetRef = {
        name: 'native',
        schema: { columns: COLUMNS.map((c) => ({ ...c, nativeType: types[c.name] })), nullMarkers: ['N/A'] },
        source: {
          kind: 'table',
          table: 'native_t',
          ...(conn.schema ? { schema: conn.schema } : {}),
          rowNumberColumn: ROW_COLUMN,
        },
      };
      check(dialect, await runRuleSet(conn.runner, ds, rules, { now: NOW, regexEngine: RE2_ENGINE }));
    } finally {
      await conn.close();
    }
  });
});
