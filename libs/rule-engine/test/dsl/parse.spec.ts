import { parseRule, parseRuleSet, formatRule } from '../../src';

function ok(text: string) {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.errors)}`);
  return r.ast;
}

function err(text: string) {
  const r = parseRule(text);
  if (r.ok) throw new Error(`${text} parsed but should not have`);
  return r.errors;
}

describe('parseRule: the rule forms of DESIGN §4', () => {
  it.each([
    ['NOT_NULL(email)', 'NOT_NULL(email)'],
    ['UNIQUE(order_id)', 'UNIQUE(order_id)'],
    ['UNIQUE(customer_id, order_date)                -- composite key', 'UNIQUE(customer_id, order_date)'],
    ['IN_RANGE(amount, 0, 10000)                     -- inclusive', 'IN_RANGE(amount, 0, 10000)'],
    ["MATCHES(email, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')", "MATCHES(email, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')"],
    [
      "ACCEPTED_VALUES(status, ['new', 'paid', 'shipped'])",
      "ACCEPTED_VALUES(status, ['new', 'paid', 'shipped'])",
    ],
    [
      'FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)',
      'FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)',
    ],
    ['ROW_COUNT(1000, null)', 'ROW_COUNT(1000, NULL)'],
    ["FRESHNESS(created_at, '24h')", "FRESHNESS(created_at, '24h')"],
    ["CUSTOM(amount > 0 OR status = 'cancelled')", "CUSTOM(amount > 0 OR status = 'cancelled')"],
    [
      "IN_RANGE(amount, 0, 10000) WHERE status != 'refunded' MOSTLY 99.5%",
      "IN_RANGE(amount, 0, 10000) WHERE status != 'refunded' MOSTLY 99.5%",
    ],
  ])('%s', (text, canonical) => {
    expect(formatRule(ok(text))).toBe(canonical);
  });

  it('builds the typed AST with spans', () => {
    const ast = ok("IN_RANGE(amount, -5, null) WHERE status != 'x' MOSTLY 99.5%");
    expect(ast).toMatchObject({
      type: 'IN_RANGE',
      column: { kind: 'column', name: 'amount', span: { line: 1, column: 10, offset: 9, length: 6 } },
      min: { kind: 'number', text: '-5' },
      max: { kind: 'null' },
      where: {
        kind: 'compare',
        op: '!=',
        left: { kind: 'column', name: 'status' },
        right: { kind: 'string', value: 'x' },
      },
      mostly: '99.5',
      span: { line: 1, column: 1, offset: 0 },
    });
  });

  it('reads FOREIGN_KEY with a quoted dataset name', () => {
    expect(ok('FOREIGN_KEY(c) REFERENCES "Other Dataset"(k)')).toMatchObject({
      type: 'FOREIGN_KEY',
      column: { name: 'c' },
      refDataset: 'Other Dataset',
      refColumn: { name: 'k' },
    });
  });

  it.each([
    ["'90m'", 90, 'm'],
    ["'24h'", 24, 'h'],
    ["'7d'", 7, 'd'],
    ["'2w'", 2, 'w'],
    ["'30s'", 30, 's'],
  ])('reads the duration %s', (text, amount, unit) => {
    expect(ok(`FRESHNESS(ts, ${text})`)).toMatchObject({ window: { amount, unit, text: text.slice(1, -1) } });
  });
});

describe('parseRule: lexical rules', () => {
  it('keywords, rule and function names are case-insensitive', () => {
    const ast = ok('not_null(x) where Length(y) > 2 and z is not null mostly 50%');
    expect(formatRule(ast)).toBe('NOT_NULL(x) WHERE length(y) > 2 AND z IS NOT NULL MOSTLY 50%');
  });

  it('-- starts a comment to the end of the line, in any position', () => {
    expect(formatRule(ok('-- leading\nNOT_NULL( -- inside\n x ) -- trailing\n\n'))).toBe('NOT_NULL(x)');
  });

  it("strings double their quotes: 'O''Brien'", () => {
    expect(ok("ACCEPTED_VALUES(name, ['O''Brien'])")).toMatchObject({
      values: [{ kind: 'string', value: "O'Brien" }],
    });
  });

  it('backslashes are literal', () => {
    expect(ok("MATCHES(x, '\\s+\\d')")).toMatchObject({ pattern: '\\s+\\d' });
  });

  it('double-quoted names may hold spaces, $, quotes, leading digits and reserved words', () => {
    const ast = ok('UNIQUE("order id", "$amount", "say ""hi""", "1st", "where", "NULL")');
    expect(ast).toMatchObject({
      columns: [
        { name: 'order id' },
        { name: '$amount' },
        { name: 'say "hi"' },
        { name: '1st' },
        { name: 'where' },
        { name: 'NULL' },
      ],
    });
    expect(formatRule(ast)).toBe('UNIQUE("order id", "$amount", "say ""hi""", "1st", "where", "NULL")');
  });

  it.each([
    'AND',
    'or',
    'Not',
    'NULL',
    'is',
    'IN',
    'between',
    'WHERE',
    'mostly',
    'REFERENCES',
    'true',
    'FALSE',
  ])('the reserved word %s cannot be an unquoted column name', (word) => {
    expect(parseRule(`NOT_NULL(${word})`).ok).toBe(false);
  });

  it('date, unique and other non-reserved words are plain column names', () => {
    expect(ok('CUSTOM(date(created_at) = date AND unique > now)')).toMatchObject({
      predicate: {
        kind: 'and',
        left: {
          kind: 'compare',
          left: { kind: 'call', fn: 'date' },
          right: { kind: 'column', name: 'date' },
        },
        right: {
          kind: 'compare',
          left: { kind: 'column', name: 'unique' },
          right: { kind: 'column', name: 'now' },
        },
      },
    });
    expect(ok('NOT_NULL(date)')).toMatchObject({ column: { name: 'date' } });
  });

  it('keyword prefixes do not split names (nullable, index, order_id, isbn)', () => {
    expect(ok('UNIQUE(nullable, index, order_id, isbn, notes, android)')).toMatchObject({
      columns: ['nullable', 'index', 'order_id', 'isbn', 'notes', 'android'].map((name) => ({ name })),
    });
  });

  it('MOSTLY requires the percent sign and a value from 0 to 100', () => {
    expect(ok('NOT_NULL(x) MOSTLY 0%').mostly).toBe('0');
    expect(ok('NOT_NULL(x) MOSTLY 100%').mostly).toBe('100');
    expect(ok('NOT_NULL(x) MOSTLY 99.95%').mostly).toBe('99.95');
    expect(err('NOT_NULL(x) MOSTLY 99.5')[0]).toMatchObject({
      column: 24,
      message: "Expected '%' but found the end of the rule",
    });
    expect(err('NOT_NULL(x) MOSTLY 100.5%')[0]).toMatchObject({ column: 20, length: 5 });
    expect(err('NOT_NULL(x) MOSTLY 1e2%')[0].message).toMatch(/from 0 to 100/);
    expect(err('NOT_NULL(x) MOSTLY -5%')[0].message).toMatch(/Expected a number but found '-'/);
  });

  it('null bounds leave a range open', () => {
    expect(ok('IN_RANGE(x, null, 5)')).toMatchObject({
      min: { kind: 'null' },
      max: { kind: 'number', text: '5' },
    });
    expect(ok("IN_RANGE(d, '2024-01-01', NULL)")).toMatchObject({
      min: { kind: 'string', value: '2024-01-01' },
    });
  });

  it('keeps number texts as written', () => {
    expect(ok('ACCEPTED_VALUES(x, [1, 1.0, .5, 1e3, -2, 2.])')).toMatchObject({
      values: ['1', '1.0', '.5', '1e3', '-2', '2.'].map((text) => ({ kind: 'number', text })),
    });
  });
});

describe('parseRule: expressions follow SQL precedence', () => {
  const pred = (text: string) => {
    const ast = ok(`CUSTOM(${text})`);
    if (ast.type !== 'CUSTOM') throw new Error('not custom');
    return ast.predicate;
  };

  it('AND binds tighter than OR', () => {
    expect(pred('a = 1 OR b = 2 AND c = 3')).toMatchObject({ kind: 'or', right: { kind: 'and' } });
  });

  it('NOT binds looser than comparison', () => {
    expect(pred('NOT a = 1')).toMatchObject({ kind: 'not', operand: { kind: 'compare' } });
  });

  it('* binds tighter than +, and both are left-associative', () => {
    expect(formatRule(ok('CUSTOM(a + b * c - d / e - f > 0)'))).toBe('CUSTOM(a + b * c - d / e - f > 0)');
    expect(pred('a - b - c > 0')).toMatchObject({
      left: { kind: 'arith', op: '-', left: { kind: 'arith', op: '-' } },
    });
    expect(formatRule(ok('CUSTOM(a - (b - c) > 0)'))).toBe('CUSTOM(a - (b - c) > 0)');
  });

  it('BETWEEN takes its own AND', () => {
    expect(pred('x BETWEEN 1 AND 5 AND y = 2')).toMatchObject({
      kind: 'and',
      left: { kind: 'between', low: { text: '1' }, high: { text: '5' } },
    });
  });

  it('IN, NOT IN, IS [NOT] NULL, NOT BETWEEN', () => {
    expect(pred("s NOT IN ('a', 'b')")).toMatchObject({
      kind: 'in',
      negated: true,
      values: [{ value: 'a' }, { value: 'b' }],
    });
    expect(pred('s IS NULL')).toMatchObject({ kind: 'isNull', negated: false });
    expect(pred('s IS NOT NULL')).toMatchObject({ kind: 'isNull', negated: true });
    expect(pred('x NOT BETWEEN 1 AND 2')).toMatchObject({ kind: 'between', negated: true });
  });

  it('a minus sign before a number is part of the literal; before anything else it negates', () => {
    expect(pred('x > -5')).toMatchObject({ right: { kind: 'number', text: '-5' } });
    expect(pred('x > -y')).toMatchObject({ right: { kind: 'negate', operand: { kind: 'column' } } });
    expect(pred('x > -(5)')).toMatchObject({
      right: { kind: 'negate', operand: { kind: 'number', text: '5' } },
    });
  });

  it('accepts <> for !=', () => {
    expect(pred('a <> 1')).toMatchObject({ op: '!=' });
  });

  it('every function of the fixed list', () => {
    const text =
      "length(a) + abs(b) > 0 AND lower(c) = upper(d) AND trim(e) = coalesce(f, g, 'x') AND regexp_like(h, '^a') AND date(i) <= now()";
    expect(formatRule(ok(`CUSTOM(${text})`))).toBe(`CUSTOM(${text})`);
  });
});

describe('parseRule: errors carry a position and say what was expected', () => {
  it.each([
    ['NOT_NULL(email', 1, 15, "Expected ')' but found the end of the rule"],
    ['UNIQUE(a b)', 1, 10, "Expected ')' but found 'b'"],
    ['IN_RANGE(a, 1 2)', 1, 15, "Expected ',' but found '2'"],
    ['IN_RANGE(a, 1, 2, 3)', 1, 17, "Expected ')' but found ','"],
    ['NOT_NUL(email)', 1, 1, "Unknown rule 'NOT_NUL' — did you mean NOT_NULL?"],
    ['accepted_value(x, [1])', 1, 1, "Unknown rule 'accepted_value' — did you mean ACCEPTED_VALUES?"],
    ['NOT_NULL(x) garbage', 1, 13, "Expected the end of the rule but found 'garbage'"],
    ['NOT_NULL(x) MOSTLY 99% WHERE a = 1', 1, 24, 'WHERE must come before MOSTLY'],
    ['CUSTOM(a = )', 1, 12, "Expected a value, a column, a function call or '(' but found ')'"],
    ['CUSTOM(length(a, b) > 1)', 1, 8, 'length() takes 1 argument, not 2'],
    ['CUSTOM(now(1) > 1)', 1, 8, 'now() takes no arguments, not 1'],
    ['CUSTOM(coalesce() > 1)', 1, 8, 'coalesce() takes at least 1 argument, not 0'],
    ['CUSTOM(regexp_like(a, b))', 1, 23, 'The pattern of regexp_like must be a string literal'],
    [
      "FRESHNESS(ts, '24x')",
      1,
      15,
      "A FRESHNESS window is a whole number from 1 to 1000000 and a unit s, m, h, d or w, such as '24h' — not '24x'",
    ],
    ["FRESHNESS(ts, '0h')", 1, 15, undefined],
    ["FRESHNESS(ts, '1.5h')", 1, 15, undefined],
    ['ROW_COUNT(-1, null)', 1, 11, 'ROW_COUNT bounds are whole numbers of rows (0 or more) or null'],
    ['ROW_COUNT(1.5, null)', 1, 11, undefined],
    ['IN_RANGE(x, true, 5)', 1, 13, 'IN_RANGE bounds are numbers, strings or null, not true'],
    [
      'ACCEPTED_VALUES(x, [1, null])',
      1,
      24,
      'null cannot be an accepted value: nulls always pass ACCEPTED_VALUES',
    ],
    ['ACCEPTED_VALUES(x, [])', 1, 21, "Expected a value but found ']'"],
    ['IN_RANGE(x, 1, )', 1, 16, "Expected a value (a number, a string, null, true or false) but found ')'"],
    ['UNIQUE()', 1, 8, "Expected a column name but found ')'"],
    ['NOT_NULL("")', 1, 10, 'A quoted name cannot be empty'],
    ["CUSTOM(x = 'abc)", 1, 12, "Unterminated string: add the closing ' (strings end on the same line)"],
    ['NOT_NULL("abc)', 1, 10, 'Unterminated quoted name: add the closing " (names end on the same line)'],
    ['', 1, 1, 'Empty rule: write a rule such as NOT_NULL(column)'],
    ['   -- only a comment', 1, 1, 'Empty rule: write a rule such as NOT_NULL(column)'],
    ['NOT NULL(x)', 1, 1, "Expected a rule name such as NOT_NULL but found 'NOT'"],
    ['NOT_NULL(x)\nNOT_NULL(y)', 2, 1, "Expected the end of the rule but found 'NOT_NULL'"],
  ])('%j → %i:%i', (text, line, column, message) => {
    const [first] = err(text);
    expect(first).toMatchObject({ line, column });
    expect(first.length).toBeGreaterThanOrEqual(1);
    if (message) expect(first.message).toBe(message);
  });

  it('names the unknown function and lists close ones', () => {
    expect(err("CUSTOM(system('ls'))")[0]).toMatchObject({
      column: 8,
      length: 6,
      message:
        "Unknown function 'system' — the functions are length, lower, upper, trim, abs, coalesce, regexp_like, date, now",
    });
    expect(err('CUSTOM(lenght(x) > 1)')[0].message).toBe("Unknown function 'lenght' — did you mean length?");
  });

  it('points into a string at the part of a regex RE2 cannot run', () => {
    expect(err("MATCHES(x, 'ab(?=c)')")[0]).toMatchObject({
      column: 15,
      length: 3,
      message: expect.stringMatching(/Lookahead/),
    });
    expect(err("MATCHES(x, 'it''s(a)\\1')")[0]).toMatchObject({
      column: 21,
      length: 2,
      message: expect.stringMatching(/Backreference/),
    });
    expect(err("CUSTOM(regexp_like(x, 'a++'))")[0]).toMatchObject({
      column: 25,
      message: expect.stringMatching(/Possessive/),
    });
  });

  it('names look-alike characters', () => {
    expect(err('ＮＯＴ_NULL(x)')[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/U\+FF2E.*did you mean 'N'/),
    });
    expect(err('MATCHES(x, ‘abc’)')[0]).toMatchObject({
      column: 12,
      message: expect.stringMatching(/U\+2018.*did you mean "'"/),
    });
    expect(err('NOT_NULL(“x”)')[0]).toMatchObject({
      column: 10,
      message: expect.stringMatching(/did you mean '"'/),
    });
    expect(err('NOT_NULL(x)\u00a0MOSTLY 5%')[0]).toMatchObject({
      column: 12,
      message: expect.stringMatching(/white space.*U\+00A0/),
    });
  });

  it('refuses NUL bytes and control characters, inside strings too', () => {
    expect(err('NOT_NULL(x\u0000)')[0]).toMatchObject({
      column: 11,
      message: 'Unexpected control character U+0000',
    });
    expect(err("CUSTOM(x = 'a\u0000b')")[0]).toMatchObject({
      column: 14,
      message: 'Control character U+0000 is not allowed in a string',
    });
    expect(err('NOT_NULL("a\u0001")')[0]).toMatchObject({ column: 12 });
  });

  it('10,000 nested parentheses give an error, not a stack overflow', () => {
    const text = `CUSTOM(${'('.repeat(10_000)}a = 1${')'.repeat(10_000)})`;
    // The rule's own parenthesis counts as the first level.
    expect(err(text)[0]).toMatchObject({
      line: 1,
      column: 71,
      message: 'Too deeply nested: at most 64 levels of parentheses',
    });
  });

  it('64 nested parentheses are fine', () => {
    expect(parseRule(`CUSTOM(${'('.repeat(63)}a = 1${')'.repeat(63)})`).ok).toBe(true);
  });

  it('long runs of NOT or minus, and very long AND chains, are refused with a position', () => {
    expect(err(`CUSTOM(${'NOT '.repeat(10_000)}a)`)[0].message).toMatch(/too deeply nested/);
    expect(err(`CUSTOM(${'- '.repeat(10_000)}a > 0)`)[0].message).toMatch(/too deeply nested/);
    expect(
      err(`CUSTOM(${Array.from({ length: 5000 }, (_, i) => `c${i} = 1`).join(' AND ')})`)[0].message,
    ).toMatch(/too long/);
  });

  it('100 KB of text gives positioned errors', () => {
    const text = `CUSTOM(${"'x' = ".repeat(20_000)}1)`;
    expect(text.length).toBeGreaterThan(100_000);
    expect(err(text)[0]).toMatchObject({ line: 1 });
    expect(err('x'.repeat(100_000))[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/^Unknown rule 'x+/),
    });
  });

  it('a leading byte-order mark is ignored, positions unchanged', () => {
    expect(parseRule('\uFEFFNOT_NULL(x)').ok).toBe(true);
    expect(parseRuleSet('\uFEFFNOT_NUL(x)').errors[0]).toMatchObject({ line: 1, column: 2 });
  });

  it('never throws on non-string input from untyped callers', () => {
    expect(parseRule(undefined as unknown as string)).toMatchObject({ ok: false });
    expect(parseRuleSet(42 as unknown as string).errors).toHaveLength(1);
  });
});

describe('parseRuleSet', () => {
  it('parses one rule per line, skipping blank and comment lines, with line numbers', () => {
    const set = parseRuleSet('-- orders\nNOT_NULL(a)\n\n  UNIQUE(b)  -- key\r\nROW_COUNT(1, null)');
    expect(set.errors).toEqual([]);
    expect(set.rules.map((r) => [r.line, r.text, r.ast.type])).toEqual([
      [2, 'NOT_NULL(a)', 'NOT_NULL'],
      [4, 'UNIQUE(b)  -- key', 'UNIQUE'],
      [5, 'ROW_COUNT(1, null)', 'ROW_COUNT'],
    ]);
    expect(set.rules[1].ast.span).toMatchObject({ line: 4, column: 3 });
  });

  it('reports the errors of every line, each at its own line', () => {
    const set = parseRuleSet("NOT_NULL(a\nUNIQUE(b)\nNOT_NUL(c)\nCUSTOM(x = ‘y’)\nMATCHES(d, '(?<=a)b')");
    expect(set.rules.map((r) => r.line)).toEqual([2]);
    expect(set.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 11],
      [3, 1],
      [4, 12],
      [4, 14],
      [5, 13],
    ]);
  });
});
