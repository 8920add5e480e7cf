import {
  isDatasetLevel,
  parseRule,
  referencedColumns,
  ruleTypeOf,
  validateRule,
  type DatasetSchema,
  type RuleAst,
} from '../../src';

const orders: DatasetSchema = {
  columns: [
    { name: 'order_id', type: 'integer' },
    { name: 'customer_id', type: 'integer' },
    { name: 'email', type: 'string' },
    { name: 'amount', type: 'decimal' },
    { name: 'status', type: 'string' },
    { name: 'created_at', type: 'timestamp' },
    { name: 'ship_date', type: 'date' },
    { name: 'paid', type: 'boolean' },
    { name: 'order date', type: 'date' },
    { name: 'total_native', type: 'decimal', storage: 'native' },
  ],
  nullMarkers: [],
};
const customers: DatasetSchema = {
  columns: [
    { name: 'customer_id', type: 'integer' },
    { name: 'name', type: 'string' },
    { name: 'since', type: 'date' },
  ],
  nullMarkers: [],
};
const resolveSchema = (name: string) => (name.toLowerCase() === 'customers' ? customers : undefined);

function ast(text: string): RuleAst {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.errors)}`);
  return r.ast;
}

const check = (text: string) => validateRule(ast(text), orders, { resolveSchema });

describe('validateRule accepts valid rules', () => {
  it.each([
    'NOT_NULL(email)',
    'UNIQUE(order_id, "order date")',
    'IN_RANGE(amount, 0, 10000)',
    "IN_RANGE(amount, '0', null)",
    "IN_RANGE(created_at, '2024-01-01', '2024-12-31T23:59:59Z')",
    "IN_RANGE(email, 'a', 'z')",
    "MATCHES(amount, '^[0-9]+$')",
    "ACCEPTED_VALUES(status, ['new', 'paid'])",
    'ACCEPTED_VALUES(amount, [1, 2.5, -3])',
    "ACCEPTED_VALUES(paid, [true, 'false'])",
    'FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)',
    'FOREIGN_KEY(ship_date) REFERENCES CUSTOMERS(since)',
    'ROW_COUNT(1, null)',
    "FRESHNESS(created_at, '24h')",
    "FRESHNESS(ship_date, '7d') WHERE status = 'paid'",
    "CUSTOM(amount > 0 OR status = 'cancelled')",
    "CUSTOM(amount > '5' AND created_at >= '2024-01-01' AND ship_date < created_at)",
    'CUSTOM(paid AND NOT paid IS NULL)',
    "CUSTOM(length(amount) < 10 AND lower(email) != upper(email) AND trim(status) IN ('a', 'b'))",
    'CUSTOM(coalesce(amount, 0) + abs(amount) * 2 / 3 - -1 >= 0)',
    "CUSTOM(regexp_like(email, '@') AND date(created_at) <= now() AND date('2024-01-01T10:00') = ship_date)",
    "CUSTOM(amount BETWEEN 0 AND '100' AND status NOT IN ('x', NULL))",
    'CUSTOM(NULL)',
    'NOT_NULL(email) WHERE paid MOSTLY 95%',
  ])('%s', (text) => {
    expect(check(text)).toEqual([]);
  });
});

describe('validateRule reports problems at the offending node', () => {
  it.each([
    ['NOT_NULL(emial)', 1, 10, 5, "Unknown column 'emial' — did you mean 'email'?"],
    ['NOT_NULL(Email)', 1, 10, 5, "Unknown column 'Email' — did you mean 'email'?"],
    [
      'NOT_NULL(zzzzzz)',
      1,
      10,
      6,
      "Unknown column 'zzzzzz' — the columns are 'order_id', 'customer_id', 'email', 'amount', 'status', 'created_at', 'ship_date', 'paid', 'order date', 'total_native'",
    ],
    ['UNIQUE(order_id, "order_date")', 1, 18, 12, "Unknown column 'order_date' — did you mean 'order date'?"],
    ['IN_RANGE(email, 0, 10)', 1, 17, 1, "'email' is a text column: its bounds are quoted strings, not 0"],
    [
      "IN_RANGE(amount, 'abc', null)",
      1,
      18,
      5,
      "'abc' is not a number (the bound of numeric column 'amount')",
    ],
    ["IN_RANGE(created_at, '2024-13-01', null)", 1, 22, 12, undefined],
    ['IN_RANGE(created_at, 5, null)', 1, 22, 1, undefined],
    [
      'IN_RANGE(paid, null, null)',
      1,
      10,
      4,
      "IN_RANGE needs a numeric, text, date or timestamp column; 'paid' is boolean",
    ],
    ["FRESHNESS(email, '1d')", 1, 11, 5, "FRESHNESS needs a date or timestamp column; 'email' is string"],
    ['ACCEPTED_VALUES(status, [1])', 1, 26, 1, undefined],
    ["ACCEPTED_VALUES(amount, ['x'])", 1, 26, 3, undefined],
    ['FOREIGN_KEY(customer_id) REFERENCES suppliers(id)', 1, 37, 9, "Unknown dataset 'suppliers'"],
    ['FOREIGN_KEY(customer_id) REFERENCES customers(id)', 1, 47, 2, undefined],
    [
      'FOREIGN_KEY(customer_id) REFERENCES customers(name)',
      1,
      47,
      4,
      "'customer_id' (integer) cannot reference 'customers'.'name' (string): the types are not comparable",
    ],
    ["CUSTOM(amount > 'abc')", 1, 17, 5, "'abc' is not a number"],
    ['CUSTOM(amount = status)', 1, 17, 6, 'Cannot compare a number with text'],
    ["CUSTOM(created_at = '2024-02-30')", 1, 21, 12, undefined],
    ['CUSTOM(email = 5)', 1, 16, 1, "5 is not text: compare text with a quoted string such as '5'"],
    ['CUSTOM(amount)', 1, 8, 6, 'CUSTOM needs a true/false condition, not a number'],
    ["CUSTOM(amount + '1' > 0)", 1, 17, 3, "Arithmetic needs numbers, not '1'"],
    ['CUSTOM(status AND paid)', 1, 8, 6, 'AND needs a true/false condition, not text'],
    ["CUSTOM(1 = 'a')", 1, 12, 3, 'Cannot compare a number with text'],
    ['CUSTOM(abs(status) > 1)', 1, 12, 6, 'abs() needs numbers, not text'],
    ['CUSTOM(date(amount) IS NULL)', 1, 13, 6, 'date() needs a date or a timestamp, not a number'],
    [
      'CUSTOM(length(total_native) > 1)',
      1,
      15,
      12,
      "length() works on text columns; 'total_native' is a native decimal column",
    ],
    ["CUSTOM(coalesce(amount, 'x') > 0)", 1, 25, 3, "'x' is not a number"],
    ['NOT_NULL(email) WHERE amount', 1, 23, 6, 'WHERE needs a true/false condition, not a number'],
    ['NOT_NULL(email) WHERE nope = 1', 1, 23, 4, undefined],
  ])('%s → %i:%i (+%i)', (text, line, column, length, message) => {
    const errors = check(text);
    expect(errors.length).toBeGreaterThan(0);
    const [first] = errors;
    expect({ line: first.line, column: first.column, length: first.length }).toEqual({
      line,
      column,
      length,
    });
    if (message) expect(first.message).toBe(message);
  });

  it('reports every problem of a rule', () => {
    const errors = check("CUSTOM(nope > 1 AND amount = 'x') WHERE ghost = 1");
    expect(errors.map((e) => e.column)).toEqual([8, 30, 41]);
  });

  it('skips FOREIGN_KEY targets without a resolver, but still checks the own column', () => {
    expect(validateRule(ast('FOREIGN_KEY(customer_id) REFERENCES anything(x)'), orders)).toEqual([]);
    expect(validateRule(ast('FOREIGN_KEY(nope) REFERENCES anything(x)'), orders)[0].message).toMatch(
      /Unknown column 'nope'/,
    );
  });

  it('never throws, even on a hand-built AST with no spans', () => {
    const bad = { type: 'CUSTOM', predicate: { kind: 'column', name: 'x' } } as RuleAst;
    expect(validateRule(bad, orders)).toEqual([
      { line: 1, column: 1, length: 1, message: expect.stringMatching(/^Unknown column 'x'/) },
    ]);
  });
});

describe('rule introspection', () => {
  it('ruleTypeOf, isDatasetLevel', () => {
    expect(ruleTypeOf(ast('UNIQUE(a)'))).toBe('UNIQUE');
    expect(isDatasetLevel(ast('ROW_COUNT(1, 2)'))).toBe(true);
    expect(isDatasetLevel(ast("FRESHNESS(t, '1d')"))).toBe(true);
    expect(isDatasetLevel(ast('CUSTOM(a > 1)'))).toBe(false);
  });

  it('referencedColumns lists own-dataset columns in order, once, including WHERE', () => {
    expect(
      referencedColumns(ast("CUSTOM(a > b AND lower(c) = 'x' AND a < 2) WHERE d IS NULL AND b = 1")),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(referencedColumns(ast('FOREIGN_KEY(x) REFERENCES other(y) WHERE z = 1'))).toEqual(['x', 'z']);
    expect(referencedColumns(ast('ROW_COUNT(1, null)'))).toEqual([]);
    expect(referencedColumns(ast('UNIQUE(a, b, a)'))).toEqual(['a', 'b']);
  });
});
