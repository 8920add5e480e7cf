/**
 * The typed AST of the rule DSL (DESIGN §4). Every back end (SQL dialects, in-memory) compiles from
 * these shapes, and `format()` prints them back in canonical form.
 */
import type { RuleType } from '@dqw/shared-types';

/** Where a node came from in the source text: 1-based line and column, 0-based offset, length in chars. */
export interface Span {
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** A column reference; `name` is the unquoted column name exactly as in the dataset's header. */
export interface ColumnRef {
  kind: 'column';
  name: string;
  span?: Span;
}

/** Literals keep their source text where it matters: `1.0` is a different text than `1`. */
export type Literal =
  | { kind: 'string'; value: string; span?: Span }
  | { kind: 'number'; text: string; span?: Span }
  | { kind: 'boolean'; value: boolean; span?: Span }
  | { kind: 'null'; span?: Span };

export const FUNCTION_NAMES = [
  'length',
  'lower',
  'upper',
  'trim',
  'abs',
  'coalesce',
  'regexp_like',
  'date',
  'now',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/';

/** The expression language of CUSTOM and WHERE. Nothing here can name anything outside FUNCTION_NAMES. */
export type Expr =
  | Literal
  | ColumnRef
  | { kind: 'compare'; op: ComparisonOp; left: Expr; right: Expr; span?: Span }
  | { kind: 'arith'; op: ArithmeticOp; left: Expr; right: Expr; span?: Span }
  | { kind: 'negate'; operand: Expr; span?: Span }
  | { kind: 'and' | 'or'; left: Expr; right: Expr; span?: Span }
  | { kind: 'not'; operand: Expr; span?: Span }
  | { kind: 'isNull'; operand: Expr; negated: boolean; span?: Span }
  | { kind: 'in'; operand: Expr; values: Expr[]; negated: boolean; span?: Span }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean; span?: Span }
  | { kind: 'call'; fn: FunctionName; args: Expr[]; span?: Span };

export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w';

/** Rule bodies, one per rule form of DESIGN §4. */
export type RuleBody =
  | { type: 'NOT_NULL'; column: ColumnRef }
  | { type: 'UNIQUE'; columns: ColumnRef[] }
  | { type: 'IN_RANGE'; column: ColumnRef; min: Literal; max: Literal }
  | { type: 'MATCHES'; column: ColumnRef; pattern: string }
  | { type: 'ACCEPTED_VALUES'; column: ColumnRef; values: Literal[] }
  | {
      type: 'FOREIGN_KEY';
      column: ColumnRef;
      refDataset: string;
      refColumn: ColumnRef;
      refDatasetSpan?: Span;
    }
  | { type: 'ROW_COUNT'; min: Literal; max: Literal }
  | { type: 'FRESHNESS'; column: ColumnRef; window: { amount: number; unit: DurationUnit; text: string } }
  | { type: 'CUSTOM'; predicate: Expr };

/**
 * One parsed rule. `mostly` is the percentage as written (`'99.5'` for `MOSTLY 99.5%`), kept as text so
 * the boundary comparison can be exact; absent means 100%.
 */
export type RuleAst = RuleBody & {
  where?: Expr;
  mostly?: string;
  span?: Span;
};

export type { RuleType };
