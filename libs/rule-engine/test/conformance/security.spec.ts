/**
 * SQL injection through every place user text reaches a statement — column and table names, string
 * literals, patterns, null markers, file paths — on every dialect. Each attempt must be neutralised:
 * the rule answers about the data as written, and a sentinel table is still there afterwards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRule } from '../../src/lib/dsl/parse';
import type { DatasetRef, RuleSetResult, SqlDialect } from '../../src/lib/model';
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

const EVIL_COLUMN = 'a"; DROP TABLE sentinel; --';
const EVIL_COLUMN_MYSQL = 'b`; DROP TABLE sentinel; --';
const EVIL_TABLE = 't"; DROP TABLE sentinel; --';
const EVIL_VALUE = "x'); DROP TABLE sentinel; --";
const EVIL_MARKER = "'; DROP TABLE sentinel; --";
const BACKSLASH = "c\\'); DROP TABLE sentinel; --";

const dsl = (name: string) => `"${name.replace(/"/g, '""')}"`;
const str = (value: string) => `'${value.replace(/'/g, "''")}'`;

function rules(): { id: string; text: string }[] {
  return [
    { id: 'col', text: `NOT_NULL(${dsl(EVIL_COLUMN)})` },
    { id: 'col2', text: `UNIQUE(${dsl(EVIL_COLUMN_MYSQL)})` },
    { id: 'value', text: `ACCEPTED_VALUES(v, [${str(EVIL_VALUE)}, ${str(BACKSLASH)}])` },
    { id: 'custom', text: `CUSTOM(v = ${str(EVIL_VALUE)} OR v IS NULL)` },
    { id: 'pattern', text: `MATCHES(v, ${str("^x'\\); DROP TABLE sentinel; --$")})` },
    { id: 'like', text: `CUSTOM(regexp_like(v, ${str("'; DROP TABLE sentinel; --")}) OR v IS NULL)` },
    { id: 'range', text: `IN_RANGE(v, ${str(EVIL_VALUE)}, null)` },
  ];
}

/** Four rows: the evil value, a value with a backslash, a null marker that looks like SQL, a plain one. */
const ROWS = [
  [EVIL_VALUE, '1', 'p'],
  [BACKSLASH, '1', 'q'],
  [` ${EVIL_MARKER} `, null, 'r'],
  ['plain', '2', 'r'],
];

function expectNeutralised(result: RuleSetResult): void {
  const by = new Map(result.results.map((r) => [r.ruleId, r]));
  const get = (id: string) => {
    const r = by.get(id);
    expect(r?.error, id).toBeUndefined();
    return { rowsChecked: r?.rowsChecked, failedCount: r?.failedCount };
  };
  // The evil-named columns are real columns: one null in the first, a duplicated 'r' in the second.
  expect(get('col')).toEqual({ rowsChecked: 4, failedCount: 1 });
  expect(get('col2')).toEqual({ rowsChecked: 4, failedCount: 2 });
  // The quoted strings are values: the first two rows are accepted, the marker row is null.
  expect(get('value')).toEqual({ rowsChecked: 4, failedCount: 1 });
  expect(get('custom')).toEqual({ rowsChecked: 4, failedCount: 2 });
  expect(get('pattern')).toEqual({ rowsChecked: 4, failedCount: 2 });
  expect(get('like')).toEqual({ rowsChecked: 4, failedCount: 3 });
  // Code-point order: 'x…' is above 'c…' and 'plain'.
  expect(get('range')).toEqual({ rowsChecked: 4, failedCount: 2 });
}

function schemaOf(): DatasetRef['schema'] {
  return {
    columns: [
      { name: 'v', type: 'string' },
      { name: EVIL_COLUMN, type: 'integer' },
      { name: EVIL_COLUMN_MYSQL, type: 'string' },
    ],
    nullMarkers: [EVIL_MARKER],
  };
}

const parsed = () =>
  rules().map((r) => {
    const p = parseRule(r.text);
    if (!p.ok) throw new Error(`${r.text}: ${p.errors[0]?.message}`);
    return { id: r.id, ast: p.ast };
  });

describe('SQL injection is neutralised', () => {
  const dir = tempDir();
  afterAll(() => removeDir(dir));

  it('duckdb: through the header, the file path, strings, patterns and null markers', async () => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "it's; DROP TABLE sentinel; --.csv");
    const q = (s: string | null) => (s === null ? '' : `"${s.replace(/"/g, '""')}"`);
    writeFileSync(
      path,
      [['v', EVIL_COLUMN, EVIL_COLUMN_MYSQL].map(q).join(','), ...ROWS.map((r) => r.map(q).join(','))].join(
        '\n',
      ) + '\n',
    );
    const db = await duckdbDatabase();
    try {
      await db.runner.query('CREATE TABLE sentinel AS SELECT 1 AS one', []);
      const ds: DatasetRef = { name: 'evil', schema: schemaOf(), source: { kind: 'csv', path } };
      expectNeutralised(await runRuleSet(db.runner, ds, parsed()));
      expect(await db.runner.query('SELECT one FROM sentinel', [])).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it.for(['sqlite', 'postgres', 'mysql'] as const)(
    '%s: through table and column names, strings, patterns and null markers',
    async (dialect, ctx) => {
      let db: TestDatabase | undefined;
      const open =
        dialect === 'postgres' ? postgresDatabase : dialect === 'mysql' ? mysqlDatabase : sqliteDatabase;
      if (!(await serviceAvailable(dialect, async () => void (db = await open())))) return ctx.skip();
      const conn = db as TestDatabase;
      try {
        await conn.loadTable('sentinel', [{ name: 'one' }], [['1']]);
        await conn.loadTable(
          EVIL_TABLE,
          [{ name: 'v' }, { name: EVIL_COLUMN }, { name: EVIL_COLUMN_MYSQL }],
          ROWS,
        );
        const ds: DatasetRef = {
          name: 'evil',
          schema: schemaOf(),
          source: { kind: 'table', table: EVIL_TABLE, ...(conn.schema ? { schema: conn.schema } : {}) },
        };
        expectNeutralised(await runRuleSet(conn.runner, ds, parsed(), { regexEngine: RE2_ENGINE }));
        const schemaPrefix = conn.schema
          ? `${dialectFor(dialect as SqlDialect).quoteIdent(conn.schema)}.`
          : '';
        expect(await conn.runner.query(`SELECT one FROM ${schemaPrefix}sentinel`, [])).toHaveLength(1);
      } finally {
        await conn.close();
      }
    },
  );

  it.for(['duckdb', 'postgres', 'mysql', 'sqlite'] as const)(
    '%s: no user text appears in the statement, only quoted names and placeholders',
    (dialect) => {
      const ds: DatasetRef = {
        name: 'evil',
        schema: schemaOf(),
        source:
          dialect === 'duckdb'
            ? { kind: 'csv', path: "x'; DROP TABLE sentinel; --.csv" }
            : { kind: 'table', table: EVIL_TABLE },
      };
      const plan = compileRuleSet(dialectFor(dialect), ds, parsed(), { regexResults: [] });
      const statement = plan.statement;
      expect(statement).toBeDefined();
      const sql = statement?.sql ?? '';
      expect(sql).not.toContain("DROP TABLE sentinel; --'");
      expect(sql).not.toContain(EVIL_VALUE);
      expect(sql).not.toContain(EVIL_MARKER);
      expect(statement?.params).toEqual(expect.arrayContaining([EVIL_VALUE, EVIL_MARKER]));
      // Names appear only quoted: with the quoted names taken out, no trace of the attack is left.
      let bare = sql;
      for (const name of [EVIL_COLUMN, EVIL_COLUMN_MYSQL, EVIL_TABLE]) {
        bare = bare.split(dialectFor(dialect).quoteIdent(name)).join('');
      }
      expect(bare).not.toContain('DROP TABLE');
    },
  );

  it('column names like __proto__ and constructor are plain keys of a sample', async () => {
    const db = await duckdbDatabase();
    try {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'proto.csv');
      writeFileSync(path, '__proto__,constructor\nx,\ny,1\n');
      const ds: DatasetRef = {
        name: 'p',
        schema: {
          columns: [
            { name: '__proto__', type: 'string' },
            { name: 'constructor', type: 'string' },
          ],
          nullMarkers: [],
          keyColumns: ['__proto__'],
        },
        source: { kind: 'csv', path },
      };
      const p = parseRule('NOT_NULL(constructor)');
      if (!p.ok) throw new Error('parse');
      const [r] = (await runRuleSet(db.runner, ds, [{ id: 'r', ast: p.ast }])).results;
      const sample = r.samples[0];
      expect(Object.getPrototypeOf(sample.values)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(sample.values, '__proto__')).toBe(true);
      expect(Object.entries(sample.values)).toEqual([
        ['__proto__', 'x'],
        ['constructor', null],
      ]);
      expect(Object.entries(sample.key ?? {})).toEqual([['__proto__', 'x']]);
    } finally {
      await db.close();
    }
  });

  it('a name with a NUL character is refused for that rule only', async () => {
    const db = await duckdbDatabase();
    try {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'nul.csv');
      writeFileSync(path, 'v\nx\n');
      const ds: DatasetRef = {
        name: 'n',
        schema: {
          columns: [
            { name: 'v', type: 'string' },
            { name: 'a\u0000b', type: 'string' },
          ],
          nullMarkers: [],
        },
        source: { kind: 'csv', path },
      };
      const p1 = parseRule('NOT_NULL(v)');
      const ast1 = p1.ok ? p1.ast : undefined;
      const ast2 = { type: 'NOT_NULL' as const, column: { kind: 'column' as const, name: 'a\u0000b' } };
      const result = await runRuleSet(db.runner, ds, [
        { id: 'ok', ast: ast1 ?? ast2 },
        { id: 'nul', ast: ast2 },
      ]);
      expect(result.results[0]).toMatchObject({ verdict: 'PASSED', rowsChecked: 1 });
      expect(result.results[1].verdict).toBe('ERROR');
    } finally {
      await db.close();
    }
  });
});
