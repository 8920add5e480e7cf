/** fast-check generators of rule ASTs (without spans) and of rule texts, for property tests. */
import fc from 'fast-check';
import type { ArithmeticOp, ComparisonOp, Expr, FunctionName, Literal, RuleAst } from '../../src';

const plainWord = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const oddName = fc.constantFrom(
  'order id',
  '$amount',
  '1st',
  'say "hi"',
  'AND',
  'null',
  'Where',
  'prénom',
  'a-b',
  '--x',
  "it's",
  'ＮＯＴ',
  '😀',
  'date',
  'unique',
);
/** Column and dataset names: plain words, reserved words and names that need quoting. */
export const name = fc.oneof({ weight: 3, arbitrary: plainWord }, { weight: 1, arbitrary: oddName });

/** String values: anything but line breaks and control characters (which the DSL refuses). */
export const stringValue = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom("'", '"', '\\', '-', '%', ' ', '\t', '(', ')', 'é', '😀'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  })
  .filter((s) => ![...s].some((c) => c !== '\t' && (c < ' ' || c === '\u007f')));

const digits = fc.stringMatching(/^[0-9]{1,4}$/);
const unsignedNumberText = fc
  .tuple(
    digits,
    fc.option(fc.stringMatching(/^[0-9]{0,3}$/), { nil: undefined }),
    fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,2}$/), { nil: undefined }),
  )
  .map(([i, f, e]) => `${i}${f === undefined ? '' : `.${f}`}${e ?? ''}`);
export const numberText = fc.tuple(fc.boolean(), unsignedNumberText).map(([neg, t]) => (neg ? `-${t}` : t));

export const literal: fc.Arbitrary<Literal> = fc.oneof(
  stringValue.map((value) => ({ kind: 'string' as const, value })),
  numberText.map((text) => ({ kind: 'number' as const, text })),
  fc.boolean().map((value) => ({ kind: 'boolean' as const, value })),
  fc.constant({ kind: 'null' as const }),
);

const column = name.map((n) => ({ kind: 'column' as const, name: n }));
const validPattern = fc.constantFrom(
  '^a',
  '[0-9]+$',
  "it''s".replace("''", "'"),
  '\\s+\\d',
  '(?i)abc|def',
  '^$',
  '\\pL{2,3}',
  '[^@\\s]+@',
);

const COMPARE: ComparisonOp[] = ['=', '!=', '<', '<=', '>', '>='];
const ARITH: ArithmeticOp[] = ['+', '-', '*', '/'];

export const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => {
  const e = tie('e');
  const call = fc.oneof(
    fc
      .tuple(fc.constantFrom<FunctionName>('length', 'lower', 'upper', 'trim', 'abs', 'date'), e)
      .map(([fn, a]) => ({
        kind: 'call' as const,
        fn,
        args: [a],
      })),
    fc
      .array(e, { minLength: 1, maxLength: 3 })
      .map((args) => ({ kind: 'call' as const, fn: 'coalesce' as const, args })),
    fc.tuple(e, validPattern).map(([a, p]) => ({
      kind: 'call' as const,
      fn: 'regexp_like' as const,
      args: [a, { kind: 'string' as const, value: p }],
    })),
    fc.constant({ kind: 'call' as const, fn: 'now' as const, args: [] as Expr[] }),
  );
  return {
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      column,
      fc
        .tuple(fc.constantFrom(...COMPARE), e, e)
        .map(([op, left, right]) => ({ kind: 'compare' as const, op, left, right })),
      fc
        .tuple(fc.constantFrom(...ARITH), e, e)
        .map(([op, left, right]) => ({ kind: 'arith' as const, op, left, right })),
      e.map((operand) => ({ kind: 'negate' as const, operand })),
      fc
        .tuple(fc.constantFrom('and' as const, 'or' as const), e, e)
        .map(([kind, left, right]) => ({ kind, left, right })),
      e.map((operand) => ({ kind: 'not' as const, operand })),
      fc.tuple(e, fc.boolean()).map(([operand, negated]) => ({ kind: 'isNull' as const, operand, negated })),
      fc
        .tuple(e, fc.array(e, { minLength: 1, maxLength: 3 }), fc.boolean())
        .map(([operand, values, negated]) => ({
          kind: 'in' as const,
          operand,
          values,
          negated,
        })),
      fc
        .tuple(e, e, e, fc.boolean())
        .map(([operand, low, high, negated]) => ({ kind: 'between' as const, operand, low, high, negated })),
      call,
    ),
  };
}).e;

const bound = fc.oneof(
  numberText.map((text) => ({ kind: 'number' as const, text })),
  stringValue.map((value) => ({ kind: 'string' as const, value })),
  fc.constant({ kind: 'null' as const }),
);
const rowBound = fc.oneof(
  digits.map((text) => ({ kind: 'number' as const, text })),
  fc.constant({ kind: 'null' as const }),
);
const nonNullLiteral = literal.filter((l) => l.kind !== 'null');
const duration = fc
  .tuple(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.constantFrom('s' as const, 'm' as const, 'h' as const, 'd' as const, 'w' as const),
  )
  .map(([amount, unit]) => ({ amount, unit, text: `${amount}${unit}` }));
const mostly = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99 }), digits).map(([w, f]) => `${w}.${f}`),
);

const body = fc.oneof(
  column.map((c) => ({ type: 'NOT_NULL' as const, column: c })),
  fc.array(column, { minLength: 1, maxLength: 3 }).map((columns) => ({ type: 'UNIQUE' as const, columns })),
  fc.tuple(column, bound, bound).map(([c, min, max]) => ({ type: 'IN_RANGE' as const, column: c, min, max })),
  fc.tuple(column, validPattern).map(([c, pattern]) => ({ type: 'MATCHES' as const, column: c, pattern })),
  fc.tuple(column, fc.array(nonNullLiteral, { minLength: 1, maxLength: 4 })).map(([c, values]) => ({
    type: 'ACCEPTED_VALUES' as const,
    column: c,
    values,
  })),
  fc.tuple(column, name, column).map(([c, refDataset, refColumn]) => ({
    type: 'FOREIGN_KEY' as const,
    column: c,
    refDataset,
    refColumn,
  })),
  fc.tuple(rowBound, rowBound).map(([min, max]) => ({ type: 'ROW_COUNT' as const, min, max })),
  fc.tuple(column, duration).map(([c, window]) => ({ type: 'FRESHNESS' as const, column: c, window })),
  expr.map((predicate) => ({ type: 'CUSTOM' as const, predicate })),
);

/** Whole rules with optional WHERE and MOSTLY. */
export const ruleAst: fc.Arbitrary<RuleAst> = fc
  .tuple(body, fc.option(expr, { nil: undefined }), fc.option(mostly, { nil: undefined }))
  .map(([b, where, m]) => {
    const rule: RuleAst = { ...b };
    if (where) rule.where = where;
    if (m !== undefined) rule.mostly = m;
    return rule;
  });

/** A copy of an AST without positions, for comparing shapes. */
export function withoutSpans<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === 'span' || key === 'refDatasetSpan' ? undefined : v)),
  ) as T;
}
