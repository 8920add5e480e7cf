import { RE2 } from 're2-wasm';
import { parseRule } from '../dsl/parse';
import type { ColumnSchema, DatasetSchema, RuleResult } from '../model';
import { re2WasmEngine } from '../regex/engine';
import { runInMemory, type InMemoryData, type InMemoryOptions } from './in-memory';

/** Rows from a compact table: first line is the header, `|` separates cells, `∅` is SQL null. */
function rows(text: string): Record<string, string | null>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split('|').map((h) => h.trim());
  return lines.map((line) => {
    const cells = line.split('|');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] === '∅' ? null : (cells[i] ?? null)]));
  });
}

function schema(
  columns: Array<[string, ColumnSchema['type']] | ColumnSchema>,
  extra: Partial<DatasetSchema> = {},
): DatasetSchema {
  return {
    columns: columns.map((c) => (Array.isArray(c) ? { name: c[0], type: c[1] } : c)),
    nullMarkers: [],
    ...extra,
  };
}

function run(rule: string, data: InMemoryData, options?: InMemoryOptions): RuleResult {
  const parsed = parseRule(rule);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return runInMemory([{ id: 'r', ast: parsed.ast }], data, options).results[0];
}

const rowNumbers = (r: RuleResult) => r.samples.map((s) => s.rowNumber);

describe('runInMemory: NOT_NULL', () => {
  const data = {
    schema: schema([['a', 'integer']], { nullMarkers: ['N/A'] }),
    rows: rows('a\n1\n\n  \n∅\nN/A\nabc\n n/a'),
  };
  it('fails null cells (empty, blank, SQL null, markers); unreadable and non-marker text pass', () => {
    const r = run('NOT_NULL(a)', data);
    expect(r).toMatchObject({ rowsChecked: 7, failedCount: 4, verdict: 'FAILED' });
    expect(rowNumbers(r)).toEqual([2, 3, 4, 5]);
    expect(r.passRate).toBeCloseTo(3 / 7);
  });
});

describe('runInMemory: UNIQUE', () => {
  it('fails every occurrence of a duplicated key, comparing typed values', () => {
    const data = { schema: schema([['d', 'decimal']]), rows: rows('d\n1\n1.0\n2\n 1e0 \nabc\nabc\n∅\n∅\n3') };
    const r = run('UNIQUE(d)', data);
    // 1, 1.0 and 1e0 are one number; unreadable and null keys are not counted.
    expect(r).toMatchObject({ rowsChecked: 9, failedCount: 3 });
    expect(rowNumbers(r)).toEqual([1, 2, 4]);
  });

  it('compares text exactly after trimming', () => {
    const data = { schema: schema([['s', 'string']]), rows: rows('s\na\n a \nA\n00501\n501\n\u00a0a') };
    const r = run('UNIQUE(s)', data);
    expect(rowNumbers(r)).toEqual([1, 2]);
  });

  it('composite keys: a row with any null or unreadable part passes and is not counted', () => {
    const data = {
      schema: schema([
        ['a', 'integer'],
        ['b', 'string'],
      ]),
      rows: rows('a|b\n1|x\n1|x\n1|∅\n1|∅\n2|y\nzz|y\nzz|y\n2|y\n1|X'),
    };
    const r = run('UNIQUE(a, b)', data);
    expect(rowNumbers(r)).toEqual([1, 2, 5, 8]);
  });

  it('numbers and text never collide in a composite key', () => {
    const data = {
      schema: schema([
        ['a', 'string'],
        ['b', 'integer'],
      ]),
      rows: rows('a|b\n1|2\n"1"|2\n1|02'),
    };
    expect(rowNumbers(run('UNIQUE(a, b)', data))).toEqual([1, 3]);
  });

  it('duplicates count among in-scope rows only', () => {
    const data = {
      schema: schema([
        ['k', 'integer'],
        ['s', 'string'],
      ]),
      rows: rows('k|s\n1|live\n1|deleted\n2|live\n2|live'),
    };
    const r = run("UNIQUE(k) WHERE s = 'live'", data);
    expect(r).toMatchObject({ rowsChecked: 3, failedCount: 2 });
    expect(rowNumbers(r)).toEqual([3, 4]);
  });
});

describe('runInMemory: IN_RANGE', () => {
  it('is inclusive; null passes; unreadable fails', () => {
    const data = { schema: schema([['x', 'decimal']]), rows: rows('x\n0\n10\n10.0001\n-0.5\n∅\nten\n5') };
    const r = run('IN_RANGE(x, 0, 10)', data);
    expect(rowNumbers(r)).toEqual([3, 4, 6]);
    expect(r.rowsChecked).toBe(7);
  });

  it('null leaves a bound open', () => {
    const data = { schema: schema([['x', 'integer']]), rows: rows('x\n-100\n5\n1000000') };
    expect(rowNumbers(run('IN_RANGE(x, 0, null)', data))).toEqual([1]);
    expect(rowNumbers(run('IN_RANGE(x, null, 5)', data))).toEqual([3]);
    expect(run('IN_RANGE(x, null, null)', data).failedCount).toBe(0);
  });

  it('date and timestamp columns take ISO bounds and compare as instants', () => {
    const data = {
      schema: schema([
        ['d', 'date'],
        ['t', 'timestamp'],
      ]),
      rows: rows(
        'd|t\n2024-01-01|2024-01-31T23:59:59Z\n2023-12-31|2024-02-01T00:00:00+01:00\n2024-02-01|2024-02-01T00:00:00.001Z',
      ),
    };
    expect(rowNumbers(run("IN_RANGE(d, '2024-01-01', '2024-01-31')", data))).toEqual([2, 3]);
    expect(rowNumbers(run("IN_RANGE(t, '2024-01-01', '2024-02-01')", data))).toEqual([3]);
  });

  it('text columns compare by code point', () => {
    const data = { schema: schema([['s', 'string']]), rows: rows('s\napple\nBanana\nzebra\néclair') };
    expect(rowNumbers(run("IN_RANGE(s, 'a', 'z')", data))).toEqual([2, 3, 4]);
  });
});

describe('runInMemory: MATCHES and ACCEPTED_VALUES', () => {
  it('MATCHES searches the trimmed text of any column type; null passes', () => {
    const data = { schema: schema([['z', 'integer']]), rows: rows('z\n 00501 \n501\n∅\nabc') };
    const r = run("MATCHES(z, '^0')", data);
    expect(rowNumbers(r)).toEqual([2, 4]);
  });

  it('MATCHES is a search unless the pattern anchors', () => {
    const data = { schema: schema([['e', 'string']]), rows: rows('e\nx@y.z\nnope\n@\nA@B.C') };
    expect(rowNumbers(run("MATCHES(e, '@')", data))).toEqual([2]);
    expect(rowNumbers(run("MATCHES(e, '^[a-z]+@[a-z]+\\.[a-z]+$')", data))).toEqual([2, 3, 4]);
  });

  it('ACCEPTED_VALUES compares typed values: 1 equals 1.0 in a numeric column, not in a text one', () => {
    const num = { schema: schema([['v', 'decimal']]), rows: rows('v\n1.0\n2\n3\nx\n∅') };
    expect(rowNumbers(run('ACCEPTED_VALUES(v, [1, 2])', num))).toEqual([3, 4]);
    const text = { schema: schema([['v', 'string']]), rows: rows('v\n1.0\n1\n Paid \npaid') };
    expect(rowNumbers(run("ACCEPTED_VALUES(v, ['1', 'Paid'])", text))).toEqual([1, 4]);
  });

  it('ACCEPTED_VALUES on booleans and dates', () => {
    const data = {
      schema: schema([
        ['b', 'boolean'],
        ['d', 'date'],
      ]),
      rows: rows('b|d\nTRUE|2024-01-01\nfalse|2024-01-02\nyes|2024-01-03'),
    };
    expect(rowNumbers(run('ACCEPTED_VALUES(b, [true])', data))).toEqual([2, 3]);
    expect(rowNumbers(run("ACCEPTED_VALUES(d, ['2024-01-01', '2024-01-03'])", data))).toEqual([2]);
  });
});

describe('runInMemory: FOREIGN_KEY', () => {
  const customers = {
    schema: schema([
      ['id', 'integer'],
      ['active', 'boolean'],
    ]),
    rows: rows('id|active\n1|true\n2|false\n∅|true\nx|true\n 3 |true'),
  };
  const orders = {
    schema: schema([['customer_id', 'decimal']]),
    rows: rows('customer_id\n1\n2.0\n3\n4\n∅\nabc'),
  };
  const resolveRows = (name: string) => (name.toLowerCase() === 'customers' ? customers : undefined);

  it('fails values not among the referenced typed non-null values; null passes, unreadable fails', () => {
    const r = run('FOREIGN_KEY(customer_id) REFERENCES Customers(id)', orders, { resolveRows });
    expect(rowNumbers(r)).toEqual([4, 6]);
    expect(r.rowsChecked).toBe(6);
  });

  it("the referenced dataset is read whole: the rule's WHERE does not apply to it", () => {
    const r = run('FOREIGN_KEY(customer_id) REFERENCES customers(id) WHERE customer_id < 4', orders, {
      resolveRows,
    });
    expect(r).toMatchObject({ rowsChecked: 3, failedCount: 0, verdict: 'PASSED' });
  });

  it('scans the referenced dataset once more, in the plan', () => {
    const parsed = parseRule('FOREIGN_KEY(customer_id) REFERENCES customers(id)');
    if (!parsed.ok) throw new Error('parse');
    const out = runInMemory([{ id: 'fk', ast: parsed.ast }], orders, { resolveRows });
    expect(out.plan).toMatchObject({ scans: 2, rowsScanned: 11, sampleQueries: 0 });
  });

  it('ERROR when the dataset, its column or compatible types are missing', () => {
    expect(run('FOREIGN_KEY(customer_id) REFERENCES suppliers(id)', orders, { resolveRows })).toMatchObject({
      verdict: 'ERROR',
      error: "Unknown dataset 'suppliers'",
    });
    expect(run('FOREIGN_KEY(customer_id) REFERENCES customers(idd)', orders, { resolveRows }).error).toMatch(
      /Unknown column 'idd' in dataset 'customers' — did you mean 'id'/,
    );
    expect(
      run('FOREIGN_KEY(customer_id) REFERENCES customers(active)', orders, { resolveRows }).error,
    ).toMatch(/not comparable/);
    expect(run('FOREIGN_KEY(customer_id) REFERENCES customers(id)', orders).verdict).toBe('ERROR');
  });
});

describe('runInMemory: dataset-level rules', () => {
  const data = {
    schema: schema([
      ['ts', 'timestamp'],
      ['d', 'date'],
      ['s', 'string'],
    ]),
    rows: rows('ts|d|s\n2024-03-01T10:00:00Z|2024-02-28|a\n2024-03-01T11:30:00+01:00|2024-02-29|b\nsoon|∅|a'),
  };
  const now = new Date('2024-03-01T12:00:00Z');

  it('ROW_COUNT counts in-scope rows; fails outside [lo, hi]; no samples', () => {
    expect(run('ROW_COUNT(3, 3)', data)).toMatchObject({
      rowsChecked: 3,
      failedCount: 0,
      passRate: 1,
      verdict: 'PASSED',
    });
    expect(run('ROW_COUNT(4, null)', data)).toMatchObject({
      failedCount: 1,
      passRate: 0,
      verdict: 'FAILED',
      samples: [],
    });
    expect(run("ROW_COUNT(null, 1) WHERE s = 'a'", data)).toMatchObject({ rowsChecked: 2, failedCount: 1 });
  });

  it('FRESHNESS compares the newest readable value with now − window (injected clock)', () => {
    // The newest value is 11:30+01:00, i.e. 10:30Z: 90 minutes before now, exactly at the boundary.
    expect(run("FRESHNESS(ts, '2h')", data, { now })).toMatchObject({ failedCount: 0, verdict: 'PASSED' });
    expect(run("FRESHNESS(ts, '90m')", data, { now })).toMatchObject({ failedCount: 0, verdict: 'PASSED' });
    expect(run("FRESHNESS(ts, '89m')", data, { now })).toMatchObject({ failedCount: 1, verdict: 'FAILED' });
    expect(run("FRESHNESS(ts, '5400s')", data, { now })).toMatchObject({ failedCount: 0 });
    expect(run("FRESHNESS(ts, '5399s')", data, { now })).toMatchObject({ failedCount: 1 });
  });

  it('FRESHNESS counts dates as midnight UTC; no readable value in scope fails', () => {
    expect(run("FRESHNESS(d, '36h')", data, { now })).toMatchObject({ failedCount: 0 });
    expect(run("FRESHNESS(d, '35h')", data, { now })).toMatchObject({ failedCount: 1 });
    expect(run("FRESHNESS(d, '1w') WHERE s = 'zzz'", data, { now })).toMatchObject({
      rowsChecked: 0,
      failedCount: 1,
      verdict: 'FAILED',
    });
  });

  it('FRESHNESS on a text column is an ERROR naming it', () => {
    expect(run("FRESHNESS(s, '1d')", data, { now })).toMatchObject({
      verdict: 'ERROR',
      error: "FRESHNESS needs a date or timestamp column; 's' is string",
    });
  });
});

describe('runInMemory: CUSTOM and WHERE', () => {
  const data = {
    schema: schema([
      ['amount', 'decimal'],
      ['status', 'string'],
      ['qty', 'integer'],
    ]),
    rows: rows('amount|status|qty\n10|paid|2\n-5|cancelled|1\n-5|paid|0\n∅|paid|1\nabc|paid|3\n0|refunded|∅'),
  };

  it('fails a row only when the predicate is false (null passes)', () => {
    const r = run("CUSTOM(amount > 0 OR status = 'cancelled')", data);
    // Row 4 (null amount) and row 5 (unreadable) give null OR false = null → pass.
    expect(rowNumbers(r)).toEqual([3, 6]);
  });

  it("literals take the column type: amount > '5' compares numbers", () => {
    expect(rowNumbers(run("CUSTOM(amount > '5')", data))).toEqual([2, 3, 6]);
  });

  it('division by zero is null, so it passes', () => {
    // -5 / 0 (row 3) is null and passes; -5 / 1 (row 2) is false.
    expect(rowNumbers(run('CUSTOM(amount / qty > 0)', data))).toEqual([2]);
  });

  it('IN with a null in the list is null when nothing matches', () => {
    expect(rowNumbers(run("CUSTOM(status IN ('paid', NULL))", data))).toEqual([]);
    expect(rowNumbers(run("CUSTOM(status NOT IN ('paid', 'cancelled'))", data))).toEqual([1, 2, 3, 4, 5]);
  });

  it('functions: length counts code points of the trimmed text; coalesce; abs; lower', () => {
    expect(rowNumbers(run('CUSTOM(length(amount) <= 2)', data))).toEqual([5]);
    expect(rowNumbers(run('CUSTOM(coalesce(qty, 0) > 0)', data))).toEqual([3, 6]);
    expect(rowNumbers(run('CUSTOM(abs(amount) < 6)', data))).toEqual([1]);
    expect(rowNumbers(run('CUSTOM(lower(status) = upper(status))', data))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('WHERE keeps rows where it is true (null and false are out of scope)', () => {
    const r = run('NOT_NULL(amount) WHERE qty >= 1', data);
    expect(r).toMatchObject({ rowsChecked: 4, failedCount: 1 });
    expect(rowNumbers(r)).toEqual([4]);
  });

  it('zero rows in scope: pass rate 1, PASSED', () => {
    expect(run("NOT_NULL(amount) WHERE status = 'nope'", data)).toMatchObject({
      rowsChecked: 0,
      failedCount: 0,
      passRate: 1,
      verdict: 'PASSED',
    });
  });

  it('now() and date() follow the injected clock', () => {
    const ts = {
      schema: schema([['t', 'timestamp']]),
      rows: rows('t\n2024-03-01T23:59:59Z\n2024-03-02T00:00:00Z\n2024-02-29T12:00:00-12:00'),
    };
    const now = new Date('2024-03-01T12:00:00Z');
    expect(rowNumbers(run('CUSTOM(date(t) <= date(now()))', ts, { now }))).toEqual([2]);
    expect(rowNumbers(run('CUSTOM(t <= now())', ts, { now }))).toEqual([1, 2]);
  });
});

describe('runInMemory: MOSTLY and verdicts', () => {
  const thousand = (bad: number) => ({
    schema: schema([['x', 'integer']]),
    rows: Array.from({ length: 1000 }, (_, i) => ({ x: i < bad ? null : '1' })),
  });

  it('MOSTLY 99.5% passes exactly at the boundary and fails one row below', () => {
    expect(run('NOT_NULL(x) MOSTLY 99.5%', thousand(5))).toMatchObject({
      failedCount: 5,
      verdict: 'PASSED',
      passRate: 0.995,
    });
    expect(run('NOT_NULL(x) MOSTLY 99.5%', thousand(6))).toMatchObject({ failedCount: 6, verdict: 'FAILED' });
  });

  it('a passing rule carries no samples, as in the SQL back ends', () => {
    expect(run('NOT_NULL(x) MOSTLY 99%', thousand(5)).samples).toEqual([]);
  });
});

describe('runInMemory: evidence', () => {
  const data = {
    schema: schema(
      [
        ['id', 'string'],
        ['v', 'integer'],
      ],
      { keyColumns: ['id'] },
    ),
    rows: Array.from({ length: 50 }, (_, i) => ({ id: `k${i}`, v: i % 2 ? ` bad${i} ` : '1' })),
  };

  it('samples are the lowest failing row numbers, at most 20 by default, with raw values and keys', () => {
    const r = run('IN_RANGE(v, 0, 5)', data);
    expect(r.failedCount).toBe(25);
    expect(rowNumbers(r)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i + 2));
    expect(r.samples[0]).toEqual({ rowNumber: 2, key: { id: 'k1' }, values: { id: 'k1', v: ' bad1 ' } });
  });

  it('sampleSize 0 to 1000; anything else is a RangeError', () => {
    expect(run('IN_RANGE(v, 0, 5)', data, { sampleSize: 0 }).samples).toEqual([]);
    expect(run('IN_RANGE(v, 0, 5)', data, { sampleSize: 1000 }).samples).toHaveLength(25);
    expect(() => run('IN_RANGE(v, 0, 5)', data, { sampleSize: 1001 })).toThrow(RangeError);
    expect(() => run('IN_RANGE(v, 0, 5)', data, { sampleSize: 2.5 })).toThrow(RangeError);
  });

  it('malformed arguments are a clear TypeError', () => {
    expect(() => runInMemory([], { schema: data.schema, rows: 'x' as unknown as [] })).toThrow(TypeError);
    expect(() => runInMemory([], undefined as unknown as InMemoryData)).toThrow(/needs \{ schema/);
  });

  it('records the plan: one scan, no sample queries, rows scanned, durations', () => {
    const parsed = ['NOT_NULL(v)', 'UNIQUE(id)'].map((t, i) => {
      const p = parseRule(t);
      if (!p.ok) throw new Error('parse');
      return { id: `r${i}`, ast: p.ast };
    });
    const out = runInMemory(parsed, data);
    expect(out.plan).toEqual({ scans: 1, sampleQueries: 0, rowsScanned: 50, statements: [] });
    expect(out.results.map((r) => r.verdict)).toEqual(['PASSED', 'PASSED']);
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('runInMemory: errors and hostile names', () => {
  it('a rule naming a missing column ends in ERROR naming it; the other rules still run', () => {
    const data = { schema: schema([['email', 'string']]), rows: rows('email\na') };
    const parsed = ['NOT_NULL(emial)', 'NOT_NULL(email)'].map((t, i) => {
      const p = parseRule(t);
      if (!p.ok) throw new Error('parse');
      return { id: `r${i}`, ast: p.ast };
    });
    const out = runInMemory(parsed, data);
    expect(out.results[0]).toMatchObject({
      verdict: 'ERROR',
      error: "Unknown column 'emial' — did you mean 'email'?",
    });
    expect(out.results[1]).toMatchObject({ verdict: 'PASSED', rowsChecked: 1 });
  });

  it('columns named __proto__, constructor or toString are plain data', () => {
    const data = {
      schema: schema([
        ['__proto__', 'string'],
        ['constructor', 'integer'],
        ['toString', 'string'],
      ]),
      rows: [
        JSON.parse('{"__proto__": "x", "constructor": "1", "toString": "a"}') as Record<string, string>,
        JSON.parse('{"__proto__": "x", "constructor": "oops"}') as Record<string, string>,
        {},
      ],
    };
    expect(rowNumbers(run('UNIQUE("__proto__")', data))).toEqual([1, 2]);
    expect(rowNumbers(run('NOT_NULL("toString")', data))).toEqual([2, 3]);
    const r = run('IN_RANGE("constructor", 0, 0)', data);
    expect(rowNumbers(r)).toEqual([1, 2]);
    expect(Object.getPrototypeOf(r.samples[0].values)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(r.samples[0].values)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('a missing cell is null; inherited properties are never read', () => {
    const proto = { a: 'inherited' };
    const row = Object.create(proto) as Record<string, string>;
    const data = { schema: schema([['a', 'string']]), rows: [row] };
    expect(run('NOT_NULL(a)', data).failedCount).toBe(1);
  });

  it('catastrophic patterns run in linear time, with re2-wasm or the TypeScript engine', () => {
    const data = {
      schema: schema([['s', 'string']]),
      rows: [{ s: `${'a'.repeat(100_000)}b` }, { s: 'aaa' }],
    };
    for (const regexEngine of [undefined, re2WasmEngine(RE2)]) {
      expect(rowNumbers(run("MATCHES(s, '(a+)+$')", data, { regexEngine }))).toEqual([1]);
    }
  });
});
