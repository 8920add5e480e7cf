/**
 * Issue 3, "Bad input": random and mutated rules, a fixed budget of runs. The parser may only return
 * positioned errors (or throw its own DslSyntaxError), and each input is parsed within a time bound.
 */
import fc from 'fast-check';
import {
  DslSyntaxError,
  formatRule,
  parseRule,
  parseRuleSet,
  validateRule,
  type DatasetSchema,
  type DslError,
} from '../../src';
import { ruleAst } from './arbitraries';

/** Generous: parsing takes well under a millisecond; the bound only catches pathological slowness. */
const TIME_BOUND_MS = 1000;

const SEEDS = [
  'NOT_NULL(email)',
  "IN_RANGE(amount, 0, 10000) WHERE status != 'refunded' MOSTLY 99.5%",
  "MATCHES(email, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')",
  "ACCEPTED_VALUES(status, ['new', 'paid', 'shipped'])",
  'FOREIGN_KEY(customer_id) REFERENCES "Other Dataset"(customer_id)',
  'ROW_COUNT(1000, null)',
  "FRESHNESS(created_at, '24h')",
  "CUSTOM(amount > 0 OR status = 'cancelled' AND length(x) BETWEEN 1 AND 5)",
];

/** Pieces a mutation may insert: syntax, keywords, quotes, NUL, look-alikes, deep nesting. */
const JUNK = [
  '(',
  ')',
  '[',
  ']',
  ',',
  "'",
  '"',
  "''",
  '""',
  '%',
  '--',
  '-',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  'ＮＯＴ',
  '‘',
  '’',
  '“',
  '\u00a0',
  '\u200b',
  'AND',
  'OR',
  'NOT',
  'NULL',
  'IS',
  'IN',
  'BETWEEN',
  'WHERE',
  'MOSTLY',
  'REFERENCES',
  'TRUE',
  '99.5',
  '1e999',
  '\\1',
  '(?=',
  '${x}',
  'constructor',
  '__proto__',
  'now()',
  '😀',
  '('.repeat(200),
  ')'.repeat(200),
  'NOT '.repeat(300),
];

function assertErrorsWellFormed(errors: DslError[], text: string): void {
  expect(errors.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\n|\r/).length;
  for (const e of errors) {
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, JSON.stringify(e)).toBe(true);
    expect(Number.isInteger(e.column) && e.column >= 1, JSON.stringify(e)).toBe(true);
    expect(e.length).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).not.toMatch(/Internal error/);
  }
}

function parsesSafely(text: string): void {
  const started = performance.now();
  let result: ReturnType<typeof parseRule>;
  try {
    result = parseRule(text);
  } catch (e) {
    // Only our own error type may ever escape (parseRule in fact returns errors instead).
    expect(e).toBeInstanceOf(DslSyntaxError);
    return;
  }
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  if (!result.ok) assertErrorsWellFormed(result.errors, text);
  else expect(parseRule(formatRule(result.ast)).ok).toBe(true);
}

const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom('insert', 'delete', 'replace'),
  fc.constantFrom(...JUNK),
  fc.nat({ max: 20 }),
);

function mutate(seed: string, steps: Array<[number, string, string, number]>): string {
  let text = seed;
  for (const [pos, kind, junk, len] of steps) {
    const at = text.length ? pos % (text.length + 1) : 0;
    if (kind === 'insert') text = text.slice(0, at) + junk + text.slice(at);
    else if (kind === 'delete') text = text.slice(0, at) + text.slice(at + Math.max(1, len % 5));
    else text = text.slice(0, at) + junk + text.slice(at + 1);
  }
  return text;
}

describe('fuzz: the parser only returns positioned errors, quickly', () => {
  it('mutated valid rules', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seed, steps) => {
          parsesSafely(mutate(seed, steps));
        },
      ),
      { numRuns: 1500, seed: 3 },
    );
  }, 30_000);

  it('mutated generated rules', () => {
    fc.assert(
      fc.property(ruleAst, fc.array(mutation, { minLength: 1, maxLength: 4 }), (ast, steps) => {
        parsesSafely(mutate(formatRule(ast), steps));
      }),
      { numRuns: 500, seed: 4 },
    );
  }, 30_000);

  it('random text, any unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => parsesSafely(text)),
      { numRuns: 500, seed: 5 },
    );
  }, 30_000);

  it('random token soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...JUNK, 'x', "'s'", '1', 'CUSTOM', 'UNIQUE', 'date', '='), {
          maxLength: 30,
        }),
        (parts) => parsesSafely(parts.join(' ')),
      ),
      { numRuns: 1000, seed: 6 },
    );
  }, 30_000);

  it('rule sets report errors on existing lines only', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 2 })), { maxLength: 6 }),
        (lines) => {
          const text = lines.map(([seed, steps]) => mutate(seed, steps)).join('\n');
          const result = parseRuleSet(text);
          if (result.errors.length) assertErrorsWellFormed(result.errors, text);
          for (const r of result.rules) expect(r.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  }, 30_000);

  it('validateRule never throws on whatever parses', () => {
    const schema: DatasetSchema = {
      columns: [
        { name: 'x', type: 'integer' },
        { name: 'email', type: 'string' },
        { name: 'created_at', type: 'timestamp' },
        { name: 'date', type: 'date' },
      ],
      nullMarkers: [],
    };
    fc.assert(
      fc.property(ruleAst, (ast) => {
        const errors = validateRule(ast, schema, { resolveSchema: () => schema });
        for (const e of errors) expect(e.message).not.toMatch(/Internal error/);
      }),
      { numRuns: 500, seed: 9 },
    );
  }, 30_000);
});

describe('bad input named by issue 3', () => {
  it.each([
    ['unbalanced parentheses', 'CUSTOM((a > 1)'],
    ['unknown rule', 'NOT_NUL(x)'],
    ['wrong arity', 'IN_RANGE(x, 1)'],
    ['bad regex', "MATCHES(x, '(?<=a)b')"],
    ['bad percent', 'NOT_NULL(x) MOSTLY 120%'],
    ['empty string', ''],
    ['NUL bytes', 'NOT_NULL(\u0000x)'],
    ['unicode look-alikes', 'ＮＯＴ_NULL(x)'],
    ['smart quotes', 'MATCHES(x, ‘a’)'],
  ])('%s → a positioned error', (_what, text) => {
    const r = parseRule(text);
    expect(r.ok).toBe(false);
    if (!r.ok) assertErrorsWellFormed(r.errors, text);
  });

  it('100 KB of text → positioned errors, quickly', { timeout: 30_000 }, () => {
    for (const text of [
      'x'.repeat(100_000),
      `CUSTOM(${'a = 1 OR '.repeat(12_000)}b)`,
      `NOT_NULL(x) ${'-- c\n'.repeat(20_000)}y`,
    ]) {
      const started = performance.now();
      const r = parseRule(text);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(r.ok).toBe(false);
      if (!r.ok) assertErrorsWellFormed(r.errors, text);
    }
  });

  it('10,000 nested parentheses, brackets and NOTs → an error, not a stack overflow', () => {
    for (const text of [
      `CUSTOM(${'('.repeat(10_000)}a${')'.repeat(10_000)})`,
      `ACCEPTED_VALUES(x, ${'['.repeat(10_000)})`,
      `CUSTOM(${'NOT '.repeat(10_000)}a)`,
      `CUSTOM(${'length('.repeat(10_000)}a${')'.repeat(10_000)} > 1)`,
    ]) {
      const r = parseRule(text);
      expect(r.ok).toBe(false);
      if (!r.ok) assertErrorsWellFormed(r.errors, text);
    }
  });
});
