/**
 * Compiles IR into plain closures over column arrays (SEMANTICS.md "Expressions"): three-valued logic,
 * typed comparison, overflow-safe arithmetic. No code is generated from user text: every closure here
 * is written out below, and columns are reached by index.
 */
import type { ComparisonOp } from '../dsl/ast';
import { utcMidnight } from '../semantics/datetime';
import { codePointLength, compareText, simpleLower, simpleUpper, trimCell } from '../semantics/text';
import type { TypedValue } from '../semantics/values';
import type { ExprType, IR } from './ir';

export type Value = TypedValue | null;
export type RowFn = (row: number) => Value;

export interface EvalContext {
  /** Typed values of a column by row (null for null and unreadable cells). */
  typed(index: number): ReadonlyArray<Value>;
  /** Text of a column by row (trimmed; null for null cells). */
  text(index: number): ReadonlyArray<string | null>;
  /** A linear-time search for an RE2 pattern. */
  regex(pattern: string): (text: string) => boolean;
  /** The run's start time, in milliseconds. */
  now: number;
}

/** Compares two non-null values of one kind: negative, 0 or positive. */
export function compareValues(kind: ExprType, a: TypedValue, b: TypedValue): number {
  if (kind === 'string') return compareText(a as string, b as string);
  if (kind === 'boolean') return Number(a) - Number(b);
  return (a as number) - (b as number);
}

function holds(cmp: ComparisonOp, c: number): boolean {
  switch (cmp) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

const zero = (n: number): number => (n === 0 ? 0 : n);

/** SEMANTICS.md arithmetic: null instead of any overflow, underflow or division by zero. */
export function add(a: number, b: number): number | null {
  return Math.abs(a) > 8e307 || Math.abs(b) > 8e307 ? null : zero(a + b);
}

export function multiply(a: number, b: number): number | null {
  if (a === 0 || b === 0) return 0;
  const x = Math.abs(a);
  const y = Math.abs(b);
  if ((x > 1 && y > 1e300 / x) || (x < 1 && y < 1e-300 / x)) return null;
  return zero(a * b);
}

export function divide(a: number, b: number): number | null {
  if (b === 0) return null;
  if (a === 0) return 0;
  const x = Math.abs(a);
  const y = Math.abs(b);
  if ((y < 1 && x > 1e300 * y) || (y > 1 && x < 1e-300 * y)) return null;
  return zero(a / b);
}

/** `NOT v` in three-valued logic. */
const not = (v: Value): Value => (v === null ? null : !v);

export function compileIR(ir: IR, ctx: EvalContext): RowFn {
  switch (ir.op) {
    case 'const': {
      const value = ir.value;
      return () => value;
    }
    case 'column': {
      const values = ctx.typed(ir.index);
      return (row) => values[row];
    }
    case 'text': {
      const texts = ctx.text(ir.index);
      return (row) => texts[row];
    }
    case 'compare': {
      const left = compileIR(ir.left, ctx);
      const right = compileIR(ir.right, ctx);
      const { cmp, kind } = ir;
      return (row) => {
        const a = left(row);
        if (a === null) return null;
        const b = right(row);
        if (b === null) return null;
        return holds(cmp, compareValues(kind, a, b));
      };
    }
    case 'arith': {
      const left = compileIR(ir.left, ctx);
      const right = compileIR(ir.right, ctx);
      const op = ir.arith;
      return (row) => {
        const a = left(row);
        const b = right(row);
        if (a === null || b === null) return null;
        const x = a as number;
        const y = b as number;
        return op === '+' ? add(x, y) : op === '-' ? add(x, -y) : op === '*' ? multiply(x, y) : divide(x, y);
      };
    }
    case 'negate': {
      const operand = compileIR(ir.operand, ctx);
      return (row) => {
        const v = operand(row);
        return v === null ? null : zero(-(v as number));
      };
    }
    case 'and': {
      const left = compileIR(ir.left, ctx);
      const right = compileIR(ir.right, ctx);
      return (row) => {
        const a = left(row);
        if (a === false) return false;
        const b = right(row);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    case 'or': {
      const left = compileIR(ir.left, ctx);
      const right = compileIR(ir.right, ctx);
      return (row) => {
        const a = left(row);
        if (a === true) return true;
        const b = right(row);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    case 'not': {
      const operand = compileIR(ir.operand, ctx);
      return (row) => not(operand(row));
    }
    case 'isNull': {
      const operand = compileIR(ir.operand, ctx);
      const negated = ir.negated;
      return (row) => (operand(row) === null) !== negated;
    }
    case 'in': {
      const operand = compileIR(ir.operand, ctx);
      const values = ir.values.map((v) => compileIR(v, ctx));
      const { kind, negated } = ir;
      return (row) => {
        const x = operand(row);
        if (x === null) return null;
        let sawNull = false;
        for (const v of values) {
          const y = v(row);
          if (y === null) sawNull = true;
          else if (compareValues(kind, x, y) === 0) return !negated;
        }
        return sawNull ? null : negated;
      };
    }
    case 'between': {
      const operand = compileIR(ir.operand, ctx);
      const low = compileIR(ir.low, ctx);
      const high = compileIR(ir.high, ctx);
      const { kind, negated } = ir;
      return (row) => {
        const x = operand(row);
        if (x === null) return null;
        const lo = low(row);
        const hi = high(row);
        const geLow = lo === null ? null : compareValues(kind, x, lo) >= 0;
        const leHigh = hi === null ? null : compareValues(kind, x, hi) <= 0;
        const inside =
          geLow === false || leHigh === false ? false : geLow === null || leHigh === null ? null : true;
        return negated ? not(inside) : inside;
      };
    }
    case 'length':
    case 'lower':
    case 'upper':
    case 'trim': {
      const operand = compileIR(ir.operand, ctx);
      const fn =
        ir.op === 'length'
          ? codePointLength
          : ir.op === 'lower'
            ? simpleLower
            : ir.op === 'upper'
              ? simpleUpper
              : trimCell;
      return (row) => {
        const v = operand(row);
        return v === null ? null : fn(v as string);
      };
    }
    case 'abs': {
      const operand = compileIR(ir.operand, ctx);
      return (row) => {
        const v = operand(row);
        return v === null ? null : Math.abs(v as number);
      };
    }
    case 'date': {
      const operand = compileIR(ir.operand, ctx);
      return (row) => {
        const v = operand(row);
        return v === null ? null : utcMidnight(v as number);
      };
    }
    case 'coalesce': {
      const args = ir.args.map((a) => compileIR(a, ctx));
      return (row) => {
        for (const a of args) {
          const v = a(row);
          if (v !== null) return v;
        }
        return null;
      };
    }
    case 'regexp': {
      const operand = compileIR(ir.operand, ctx);
      const test = ctx.regex(ir.pattern);
      return (row) => {
        const v = operand(row);
        return v === null ? null : test(v as string);
      };
    }
    case 'now': {
      const now = ctx.now;
      return () => now;
    }
  }
}
