import { parseRule } from '../dsl/parse';
import type { DatasetRef, RuleToRun } from '../model';
import { compileRuleSet } from './compile';
import { diagnoseCsv, duckdbCsvReason, duckdbErrorLine, readCsvSql } from './csv';
import { dialectFor, duckdbDialect, mysqlDialect, postgresDialect, sqliteDialect } from './dialects';
import { duckdbSessionSettings } from './duckdb-session';
import { SqlParams } from './params';
import { re2ToPostgres } from './regex-postgres';
import { toNumber } from './run';

const rule = (text: string, id = text): RuleToRun => {
  const p = parseRule(text);
  if (!p.ok) throw new Error(text);
  return { id, ast: p.ast };
};

const orders: DatasetRef = {
  name: 'orders',
  schema: {
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'amount', type: 'decimal' },
      { name: 'status', type: 'string' },
    ],
    nullMarkers: ['N/A'],
  },
  source: { kind: 'table', table: 'orders' },
};

describe('SqlParams', () => {
  it('numbers placeholders by first use and reuses a number for a repeated fragment', () => {
    const p = new SqlParams();
    const a = p.add('a');
    p.add('unused');
    const b = p.add(2);
    const st = p.finish(postgresDialect, `${b} + ${a} + ${b}`);
    expect(st).toEqual({ sql: '$1 + $2 + $1', params: [2, 'a'] });
  });

  it('binds a value once per use for positional dialects', () => {
    const p = new SqlParams();
    const a = p.add('a');
    const b = p.add('b');
    expect(p.finish(mysqlDialect, `${b}, ${a}, ${b}`)).toEqual({ sql: '?, ?, ?', params: ['b', 'a', 'b'] });
  });
});

describe('dialect primitives', () => {
  it('quotes identifiers with doubled quotes and refuses NUL', () => {
    expect(postgresDialect.quoteIdent('a"b')).toBe('"a""b"');
    expect(mysqlDialect.quoteIdent('a`b"c')).toBe('`a``b"c`');
    expect(() => sqliteDialect.quoteIdent('a\u0000b')).toThrow(/NUL/);
  });

  it("escapes the library's own literals for MySQL's backslashes", () => {
    expect(mysqlDialect.literal("a\\'b")).toBe("'a\\\\''b'");
    expect(duckdbDialect.literal("a\\'b")).toBe("'a\\''b'");
  });

  it('knows each dialect by name', () => {
    expect(dialectFor('sqlite')).toBe(sqliteDialect);
    expect(() => dialectFor('oracle' as never)).toThrow(/Unknown SQL dialect/);
  });
});

describe('compileRuleSet', () => {
  const rules = [
    rule('NOT_NULL(amount)', 'a'),
    rule('UNIQUE(id)', 'b'),
    rule("MATCHES(status, '^x')", 'c'),
    rule('NOT_NULL(nope)', 'd'),
    rule('ROW_COUNT(1, null)', 'e'),
  ];

  it('puts every rule in one aggregate statement and isolates a bad rule', () => {
    const plan = compileRuleSet(postgresDialect, orders, rules);
    expect(plan.statement?.sql.match(/\bSELECT COUNT\(\*\) AS n\b/g)).toHaveLength(1);
    expect(plan.statement?.sql).toContain('FILTER (WHERE');
    expect(plan.rules.map((r) => r.kind)).toEqual(['row', 'row', 'row', 'error', 'rowCount']);
    expect(plan.rules[3]).toMatchObject({ error: expect.stringMatching(/Unknown column 'nope'/) });
    expect(plan.statement?.params).toContain('N/A');
  });

  it('uses COUNT(CASE …) where there is no FILTER clause, and defers patterns to the client', () => {
    const plan = compileRuleSet(mysqlDialect, orders, rules);
    expect(plan.statement?.sql).toContain('COUNT(CASE WHEN');
    expect(plan.statement?.sql).not.toContain('FILTER');
    expect(plan.regexAtoms).toEqual([{ subject: 'x2', pattern: '^x' }]);
    expect(plan.regexPrepass?.sql).toContain('GROUP BY CAST(x2 AS BINARY)');
  });

  it('builds a bounded sample query only for row-level rules', () => {
    const plan = compileRuleSet(duckdbDialect, { ...orders, source: { kind: 'csv', path: '/x.csv' } }, rules);
    expect(plan.sampleQuery('a', 5)?.sql).toMatch(/LIMIT 5\) AS q ORDER BY rn$/);
    expect(plan.sampleQuery('a', 5000)?.sql).toMatch(/LIMIT 1000\) AS q ORDER BY rn$/);
    expect(plan.sampleQuery('e', 5)).toBeUndefined();
    expect(plan.sampleQuery('d', 5)).toBeUndefined();
  });

  it('marks columns the source no longer has', () => {
    const plan = compileRuleSet(sqliteDialect, orders, rules, {
      availableColumns: new Set(['id', 'status']),
    });
    expect(plan.rules[0]).toMatchObject({
      kind: 'error',
      error: "Column 'amount' is not in dataset 'orders'",
    });
    expect(plan.rules[1].kind).toBe('row');
  });
});

describe('re2ToPostgres', () => {
  it('rewrites constructs with exact equivalents', () => {
    expect(re2ToPostgres('^a.b$')).toBe('^a[^\\n]b$');
    expect(re2ToPostgres('\\d+')).toBe('(?:[\\u0030-\\u0039])+');
    expect(re2ToPostgres('(?i)k')).toBe('[\\u004b\\u006b\\u212a]');
    expect(re2ToPostgres('a{2,3}')).toBe('(?:a){2,3}');
    expect(re2ToPostgres('(?s).')).toBe('.');
    expect(re2ToPostgres('x|y')).toBe('(?:x|y)');
  });

  it('refuses what PostgreSQL would read differently', () => {
    for (const p of ['\\pL', '\\bword', '(?m)^a', 'a{300}', '(?i)é', '\\x00', '\\p{Greek}']) {
      expect(re2ToPostgres(p)).toBeUndefined();
    }
  });
});

describe('duckdbSessionSettings', () => {
  it('writes checked SET statements', () => {
    expect(duckdbSessionSettings({ memoryLimit: '1GB', threads: 2, tempDirectory: "/tmp/it's" })).toEqual([
      'SET preserve_insertion_order = true',
      "SET memory_limit = '1GB'",
      'SET threads = 2',
      "SET temp_directory = '/tmp/it''s'",
    ]);
    expect(duckdbSessionSettings({ memoryLimit: 1024 })).toEqual([
      'SET preserve_insertion_order = true',
      "SET memory_limit = '1024B'",
    ]);
  });

  it('refuses values that are not sizes, counts or paths', () => {
    expect(() => duckdbSessionSettings({ memoryLimit: "1GB'; DROP TABLE x; --" })).toThrow(RangeError);
    expect(() => duckdbSessionSettings({ threads: 0 })).toThrow(RangeError);
    expect(() => duckdbSessionSettings({ threads: 1.5 })).toThrow(RangeError);
    expect(() => duckdbSessionSettings({ tempDirectory: 'a\u0000b' })).toThrow(RangeError);
  });
});

describe('CSV messages', () => {
  it("reads DuckDB's line and reason", () => {
    const msg =
      'Invalid Input Error: CSV Error on Line: 12\nOriginal Line: 1,2,3\nExpected Number of Columns: 2 Found: 3\nPossible fixes:\n* Disable strict';
    expect(duckdbErrorLine(msg)).toBe(12);
    expect(duckdbCsvReason(msg)).toBe('Expected Number of Columns: 2 Found: 3');
  });

  it('diagnoses an LF file whose later line ends with CRLF', () => {
    expect(diagnoseCsv('a\n1\n2\r\n')).toEqual({
      line: 3,
      message: 'this line ends with CRLF, earlier lines with LF',
    });
  });
});

describe('readCsvSql', () => {
  const source = { kind: 'csv' as const, path: '/f.csv' };
  it('sniffs unless the layout is known, then names the columns as escaped literals', () => {
    expect(readCsvSql(new SqlParams(), source)).toContain('auto_detect = true');
    const sql = readCsvSql(new SqlParams(), { ...source, layout: { columns: ["it's", 'b'] } });
    expect(sql).toContain("auto_detect = false, columns = {'it''s': 'VARCHAR', 'b': 'VARCHAR'}");
  });
  it('takes a smaller read buffer, but never below two of the longest records', () => {
    expect(readCsvSql(new SqlParams(), source, 8_000_000)).toContain('buffer_size = 8000000');
    expect(() => readCsvSql(new SqlParams(), source, 1_000_000)).toThrow(RangeError);
    expect(() => readCsvSql(new SqlParams(), source, 4.5e6 + 0.5)).toThrow(RangeError);
  });
});

describe('toNumber', () => {
  it('reads counts whatever the driver returns', () => {
    expect([toNumber(3), toNumber(3n), toNumber('3'), toNumber(null), toNumber('')]).toEqual([
      3,
      3,
      3,
      null,
      null,
    ]);
  });
});
