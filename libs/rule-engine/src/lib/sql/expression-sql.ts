/**
 * The checked expression IR (../expression/ir.ts) in SQL, for any dialect. Three-valued logic is SQL's
 * own; comparisons of text go through the dialect's exact text key; arithmetic carries SEMANTICS'
 * overflow guards so no database raises an error; every constant is a bound value.
 */
import type { ComparisonOp } from '../dsl/ast';
import type { IR } from '../expression/ir';
import type { Dialect } from './dialects/dialect';
import type { SqlParams } from './params';

/** How the compiler reaches a column of the row being checked. */
export interface ColumnAccess {
  /** Typed value (NULL when null or unreadable). */
  value(index: number): string;
  /** Text for text functions and patterns (NULL when null). */
  text(index: number): string;
}

/** A user pattern a database can't run with RE2's meaning: matched client-side (see regex-prepass.ts). */
export interface RegexAtom {
  /** SQL of the text the pattern is applied to (a column's text, or a text expression). */
  subject: string;
  pattern: string;
}

/** The outcome of matching an atom's distinct subjects client-side: the smaller of the two sets. */
export interface RegexAtomResult {
  /** Texts bound as a JSON array; `matching` says whether they are the matching or the other ones. */
  texts: string[];
  matching: boolean;
}

export interface ExpressionContext {
  dialect: Dialect;
  params: SqlParams;
  columns: ColumnAccess;
  /** The run's start time (ms) for `now()`. */
  nowMs: number;
  /** Atoms found so far; their results, when known, in the same order. */
  atoms: RegexAtom[];
  atomResults?: readonly RegexAtomResult[];
}

const SQL_OP: Record<ComparisonOp, string> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
/** Past this size an expression is refused rather than sent (nested arithmetic repeats its operands). */
export const MAX_EXPRESSION_SQL = 256 * 1024;

export class ExpressionTooLarge extends Error {}

/** A text's bound value (a const) or expression, as the dialect's exact comparison key. */
function key(ctx: ExpressionContext, sql: string): string {
  return ctx.dialect.textKey(sql);
}

/**
 * A user RE2 search of `subject`: inside the database when the dialect can run the pattern, else a
 * membership test in the set of distinct subjects the client matched (an empty set until known).
 */
export function regexSql(ctx: ExpressionContext, subject: string, pattern: string): string {
  const d = ctx.dialect;
  const pushed = d.regexSearch(subject, pattern, ctx.params);
  if (pushed !== undefined) return pushed;
  const index = ctx.atoms.length;
  ctx.atoms.push({ subject, pattern });
  const result = ctx.atomResults?.[index] ?? { texts: [], matching: true };
  const set = d.inTextSet(d.textKey(subject), d.typed(ctx.params.add(JSON.stringify(result.texts)), 'text'));
  return (
    `CASE WHEN ${subject} IS NULL THEN NULL WHEN ${set} THEN ${d.bool(result.matching)} ` +
    `ELSE ${d.bool(!result.matching)} END`
  );
}

function constSql(ctx: ExpressionContext, value: string | number | boolean | null): string {
  const { dialect: d, params: p } = ctx;
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return d.bool(value);
  if (typeof value === 'number') return d.typed(p.add(value), 'double');
  return d.typed(p.add(value), 'text');
}

function arith(op: '+' | '-' | '*' | '/', a: string, b: string): string {
  const x = `abs(${a})`;
  const y = `abs(${b})`;
  switch (op) {
    case '+':
    case '-':
      return `CASE WHEN ${x} > 8e307 OR ${y} > 8e307 THEN NULL ELSE ${a} ${op} ${b} END`;
    case '*':
      return (
        `CASE WHEN ${a} = 0 OR ${b} = 0 THEN ${a} * 0 + ${b} * 0 ` +
        `WHEN (${x} > 1 AND ${y} > 1e300 / ${x}) OR (${x} < 1 AND ${y} < 1e-300 / ${x}) THEN NULL ` +
        `ELSE ${a} * ${b} END`
      );
    case '/':
      return (
        `CASE WHEN ${b} = 0 THEN NULL WHEN ${a} = 0 THEN ${a} * 0 + ${b} * 0 ` +
        `WHEN (${y} < 1 AND ${x} > 1e300 * ${y}) OR (${y} > 1 AND ${x} < 1e-300 * ${y}) THEN NULL ` +
        `ELSE ${a} / ${b} END`
      );
  }
}

/** SQL for an IR node. Booleans are SQL truth values (three-valued); numbers are doubles. */
export function irToSql(ir: IR, ctx: ExpressionContext): string {
  const sql = emit(ir, ctx);
  if (sql.length > MAX_EXPRESSION_SQL) throw new ExpressionTooLarge('Expression too large to run as SQL');
  return sql;
}

function emit(ir: IR, ctx: ExpressionContext): string {
  const d = ctx.dialect;
  const sub = (n: IR) => emit(n, ctx);
  switch (ir.op) {
    case 'const':
      return constSql(ctx, ir.value);
    case 'column':
      return ctx.columns.value(ir.index);
    case 'text':
      return ctx.columns.text(ir.index);
    case 'compare': {
      const text = ir.kind === 'string';
      const l = text ? key(ctx, sub(ir.left)) : sub(ir.left);
      const r = text ? key(ctx, sub(ir.right)) : sub(ir.right);
      return `(${l} ${SQL_OP[ir.cmp]} ${r})`;
    }
    case 'arith': {
      const out = arith(ir.arith, sub(ir.left), sub(ir.right));
      if (out.length > MAX_EXPRESSION_SQL) throw new ExpressionTooLarge('Expression too large to run as SQL');
      return `(${out})`;
    }
    case 'negate':
      return `(- ${sub(ir.operand)})`;
    case 'and':
      return `(${sub(ir.left)} AND ${sub(ir.right)})`;
    case 'or':
      return `(${sub(ir.left)} OR ${sub(ir.right)})`;
    case 'not':
      return `(NOT ${sub(ir.operand)})`;
    case 'isNull':
      return `(${sub(ir.operand)} IS ${ir.negated ? 'NOT ' : ''}NULL)`;
    case 'in': {
      const text = ir.kind === 'string';
      const k = (n: IR) => (text ? key(ctx, sub(n)) : sub(n));
      // x IN (a, b) is x = a OR x = b in three-valued logic too; written out, no database makes it a join.
      const operand = k(ir.operand);
      const anyEqual = `(${ir.values.map((v) => `${operand} = ${k(v)}`).join(' OR ')})`;
      return ir.negated ? `(NOT ${anyEqual})` : anyEqual;
    }
    case 'between': {
      const text = ir.kind === 'string';
      const k = (n: IR) => (text ? key(ctx, sub(n)) : sub(n));
      const operand = k(ir.operand);
      const inside = `(${operand} >= ${k(ir.low)} AND ${operand} <= ${k(ir.high)})`;
      return ir.negated ? `(NOT ${inside})` : inside;
    }
    case 'length':
      return d.toDouble(d.charLength(sub(ir.operand)));
    case 'lower':
      return d.lower(sub(ir.operand));
    case 'upper':
      return d.upper(sub(ir.operand));
    case 'trim':
      return d.trim(sub(ir.operand));
    case 'abs':
      return `abs(${sub(ir.operand)})`;
    case 'date': {
      const ms = d.toBigint(sub(ir.operand));
      return `(${ms} - (((${ms} % 86400000) + 86400000) % 86400000))`;
    }
    case 'coalesce':
      return `COALESCE(${ir.args.map(sub).join(', ')})`;
    case 'regexp':
      return regexSql(ctx, sub(ir.operand), ir.pattern);
    case 'now':
      return d.typed(ctx.params.add(ctx.nowMs), 'bigint');
  }
}
