/**
 * The small typed IR that CUSTOM and WHERE expressions are checked into. It names columns only by
 * their index in the dataset schema and functions only from a closed set, so evaluating it can't
 * reach anything outside the row it is given.
 */
import type { ArithmeticOp, ComparisonOp } from '../dsl/ast';
import type { TypedValue, ValueKind } from '../semantics/values';

/** The type of an expression; `null` is the type of the NULL literal (compatible with anything). */
export type ExprType = ValueKind | 'null';

export type TextFunction = 'length' | 'lower' | 'upper' | 'trim';

export type IR =
  | { op: 'const'; value: TypedValue | null }
  /** The column's typed value; unreadable reads as null. */
  | { op: 'column'; index: number }
  /** The column's text (trimmed; null only when the cell is null), for functions on text. */
  | { op: 'text'; index: number }
  | { op: 'compare'; cmp: ComparisonOp; kind: ExprType; left: IR; right: IR }
  | { op: 'arith'; arith: ArithmeticOp; left: IR; right: IR }
  | { op: 'negate'; operand: IR }
  | { op: 'and' | 'or'; left: IR; right: IR }
  | { op: 'not'; operand: IR }
  | { op: 'isNull'; operand: IR; negated: boolean }
  | { op: 'in'; operand: IR; values: IR[]; kind: ExprType; negated: boolean }
  | { op: 'between'; operand: IR; low: IR; high: IR; kind: ExprType; negated: boolean }
  | { op: TextFunction; operand: IR }
  | { op: 'abs'; operand: IR }
  | { op: 'date'; operand: IR }
  | { op: 'coalesce'; args: IR[] }
  | { op: 'regexp'; operand: IR; pattern: string }
  | { op: 'now' };
