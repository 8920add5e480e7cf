/**
 * Type-checks an expression of the expression language against a dataset schema (SEMANTICS.md
 * "Expressions") and lowers it to the IR: literals are converted to the type they are compared with,
 * incompatible types and unknown columns are errors with the offending node's position.
 */
import type { ColumnRef, Expr, Literal, Span } from '../dsl/ast';
import { closeMatches, errorAt, type DslError } from '../dsl/errors';
import type { ColumnSchema, DatasetSchema } from '../model';
import {
  kindOfColumnType,
  readBoolean,
  readIsoTimestamp,
  readNumber,
  type TypedValue,
  type ValueKind,
} from '../semantics/values';
import type { ExprType, IR } from './ir';

export interface ResolvedColumn {
  index: number;
  column: ColumnSchema;
  kind: ValueKind;
}

/** Column lookup by exact name through a Map (never a property lookup on a plain object). */
export class SchemaScope {
  private readonly byName = new Map<string, number>();

  constructor(readonly schema: DatasetSchema) {
    schema.columns.forEach((c, i) => {
      if (!this.byName.has(c.name)) this.byName.set(c.name, i);
    });
  }

  resolve(name: string): ResolvedColumn | undefined {
    const index = this.byName.get(name);
    if (index === undefined) return undefined;
    const column = this.schema.columns[index];
    return { index, column, kind: kindOfColumnType(column.type) };
  }

  /** An "unknown column" error naming the column and the close matches. */
  unknown(ref: ColumnRef, datasetLabel = ''): DslError {
    const names = this.schema.columns.map((c) => c.name);
    const near = closeMatches(ref.name, names);
    const where = datasetLabel ? ` in dataset '${datasetLabel}'` : '';
    const hint = near.length
      ? ` — did you mean ${near.map((n) => `'${n}'`).join(', ')}?`
      : names.length
        ? ` — the columns are ${names
            .slice(0, 12)
            .map((n) => `'${n}'`)
            .join(', ')}${names.length > 12 ? ', …' : ''}`
        : '';
    return errorAt(ref.span, `Unknown column '${ref.name}'${where}${hint}`);
  }
}

const KIND_LABEL: Record<ExprType, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'a boolean',
  date: 'a date',
  timestamp: 'a timestamp',
  null: 'null',
};

function describeLiteral(lit: Literal): string {
  switch (lit.kind) {
    case 'string':
      return `'${lit.value.length > 30 ? `${lit.value.slice(0, 30)}…` : lit.value}'`;
    case 'number':
      return lit.text;
    case 'boolean':
      return lit.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
  }
}

/**
 * Converts a literal to a kind of value (SEMANTICS.md): numbers from number literals or strings that
 * read as decimals; text only from strings; booleans from TRUE/FALSE or 'true'/'false'; dates and
 * timestamps from ISO strings (a date or a timestamp). Returns an error message when it can't.
 */
export function convertLiteral(
  lit: Literal,
  kind: ExprType,
): { value: TypedValue | null } | { error: string } {
  if (lit.kind === 'null' || kind === 'null')
    return lit.kind === 'null' ? { value: null } : { value: literalValue(lit) };
  const shown = describeLiteral(lit);
  switch (kind) {
    case 'number': {
      const text = lit.kind === 'number' ? lit.text : lit.kind === 'string' ? lit.value : '';
      const n = lit.kind === 'boolean' ? undefined : readNumber(text);
      return n === undefined ? { error: `${shown} is not a number` } : { value: n };
    }
    case 'string':
      return lit.kind === 'string'
        ? { value: lit.value }
        : { error: `${shown} is not text: compare text with a quoted string such as '${shown}'` };
    case 'boolean': {
      const b =
        lit.kind === 'boolean' ? lit.value : lit.kind === 'string' ? readBoolean(lit.value) : undefined;
      return b === undefined ? { error: `${shown} is not a boolean (TRUE or FALSE)` } : { value: b };
    }
    case 'date':
    case 'timestamp': {
      const ms = lit.kind === 'string' ? readIsoTimestamp(lit.value) : undefined;
      return ms === undefined
        ? {
            error: `${shown} is not ${KIND_LABEL[kind]}: write an ISO date or timestamp such as '2024-01-31' or '2024-01-31T12:00:00Z'`,
          }
        : { value: ms };
    }
  }
}

/** A literal's own value, for literals compared only with other literals of the same kind. */
function literalValue(lit: Literal): TypedValue | null {
  switch (lit.kind) {
    case 'string':
      return lit.value;
    case 'number':
      return readNumber(lit.text) ?? null;
    case 'boolean':
      return lit.value;
    case 'null':
      return null;
  }
}

function literalKind(lit: Literal): ExprType {
  return lit.kind === 'string'
    ? 'string'
    : lit.kind === 'number'
      ? 'number'
      : lit.kind === 'boolean'
        ? 'boolean'
        : 'null';
}

/** A checked node: its IR and type; literals are kept so they can take the type of what they meet. */
interface Checked {
  ir: IR;
  type: ExprType | 'error';
  literal?: Literal;
  span?: Span;
}

function compatible(a: ExprType, b: ExprType): boolean {
  if (a === 'null' || b === 'null' || a === b) return true;
  return (a === 'date' || a === 'timestamp') && (b === 'date' || b === 'timestamp');
}

export interface CheckOptions {
  scope: SchemaScope;
  errors: DslError[];
}

class Checker {
  constructor(private readonly opts: CheckOptions) {}

  private error(span: Span | undefined, message: string): Checked {
    this.opts.errors.push(errorAt(span, message));
    return { ir: { op: 'const', value: null }, type: 'error', span };
  }

  /** Brings `items` to one kind: the first non-literal's type, or the literals' common kind. */
  unify(items: Checked[], what: string): { kind: ExprType; irs: IR[] } | undefined {
    if (items.some((i) => i.type === 'error')) return undefined;
    let kind: ExprType = 'null';
    for (const item of items) {
      if (item.literal || item.type === 'null') continue;
      if (kind === 'null') kind = item.type as ExprType;
      else if (!compatible(kind, item.type as ExprType)) {
        this.error(item.span, `Cannot ${what} ${KIND_LABEL[kind]} with ${KIND_LABEL[item.type as ExprType]}`);
        return undefined;
      } else if (kind === 'date' && item.type === 'timestamp') kind = 'timestamp';
    }
    if (kind === 'null') {
      for (const item of items) {
        if (!item.literal) continue;
        const k = literalKind(item.literal);
        if (k === 'null') continue;
        if (kind === 'null') kind = k;
        else if (kind !== k) {
          this.error(item.span, `Cannot ${what} ${KIND_LABEL[kind]} with ${KIND_LABEL[k]}`);
          return undefined;
        }
      }
    }
    const irs: IR[] = [];
    for (const item of items) {
      if (!item.literal) {
        irs.push(item.ir);
        continue;
      }
      const converted = convertLiteral(item.literal, kind);
      if ('error' in converted) {
        this.error(item.span, converted.error);
        return undefined;
      }
      irs.push({ op: 'const', value: converted.value });
    }
    return { kind, irs };
  }

  /** An operand that must be a number (arithmetic, abs, negation). */
  private number(c: Checked, what: string): IR | undefined {
    if (c.type === 'error') return undefined;
    if (c.literal) {
      if (c.literal.kind === 'null') return { op: 'const', value: null };
      if (c.literal.kind === 'number') {
        const n = readNumber(c.literal.text);
        if (n === undefined) {
          this.error(c.span, `${c.literal.text} is out of range for a number`);
          return undefined;
        }
        return { op: 'const', value: n };
      }
      this.error(c.span, `${what} needs numbers, not ${describeLiteral(c.literal)}`);
      return undefined;
    }
    if (c.type !== 'number' && c.type !== 'null') {
      this.error(c.span, `${what} needs numbers, not ${KIND_LABEL[c.type]}`);
      return undefined;
    }
    return c.ir;
  }

  /** An operand that must be true/false (AND, OR, NOT, WHERE, CUSTOM). */
  boolean(c: Checked, what: string): IR | undefined {
    if (c.type === 'error') return undefined;
    if (c.literal) {
      if (c.literal.kind === 'null') return { op: 'const', value: null };
      if (c.literal.kind === 'boolean') return { op: 'const', value: c.literal.value };
      this.error(c.span, `${what} needs a true/false condition, not ${describeLiteral(c.literal)}`);
      return undefined;
    }
    if (c.type !== 'boolean' && c.type !== 'null') {
      this.error(c.span, `${what} needs a true/false condition, not ${KIND_LABEL[c.type]}`);
      return undefined;
    }
    return c.ir;
  }

  /** The text argument of a text function: a column's text whatever its type, or a text expression. */
  private text(e: Expr, fn: string): IR | undefined {
    if (e.kind === 'column') {
      const col = this.opts.scope.resolve(e.name);
      if (!col) {
        this.opts.errors.push(this.opts.scope.unknown(e));
        return undefined;
      }
      if (col.column.storage === 'native' && col.kind !== 'string') {
        this.error(
          e.span,
          `${fn}() works on text columns; '${e.name}' is a native ${col.column.type} column`,
        );
        return undefined;
      }
      return { op: 'text', index: col.index };
    }
    const c = this.check(e);
    if (c.type === 'error') return undefined;
    if (c.literal) {
      if (c.literal.kind === 'string') return { op: 'const', value: c.literal.value };
      if (c.literal.kind === 'null') return { op: 'const', value: null };
      this.error(c.span, `${fn}() needs text, not ${describeLiteral(c.literal)}`);
      return undefined;
    }
    if (c.type !== 'string' && c.type !== 'null') {
      this.error(c.span, `${fn}() needs text, not ${KIND_LABEL[c.type]}`);
      return undefined;
    }
    return c.ir;
  }

  check(e: Expr): Checked {
    const span = e.span;
    const fail: Checked = { ir: { op: 'const', value: null }, type: 'error', span };
    switch (e.kind) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'null': {
        const value = literalValue(e);
        if (e.kind === 'number' && value === null)
          return this.error(span, `${e.text} is out of range for a number`);
        return { ir: { op: 'const', value }, type: literalKind(e), literal: e, span };
      }
      case 'column': {
        const col = this.opts.scope.resolve(e.name);
        if (!col) {
          this.opts.errors.push(this.opts.scope.unknown(e));
          return fail;
        }
        return { ir: { op: 'column', index: col.index }, type: col.kind, span };
      }
      case 'compare': {
        const u = this.unify([this.check(e.left), this.check(e.right)], 'compare');
        if (!u) return fail;
        return {
          ir: { op: 'compare', cmp: e.op, kind: u.kind, left: u.irs[0], right: u.irs[1] },
          type: 'boolean',
          span,
        };
      }
      case 'in': {
        const u = this.unify([this.check(e.operand), ...e.values.map((v) => this.check(v))], 'compare');
        if (!u) return fail;
        const [operand, ...values] = u.irs;
        return { ir: { op: 'in', operand, values, kind: u.kind, negated: e.negated }, type: 'boolean', span };
      }
      case 'between': {
        const u = this.unify([this.check(e.operand), this.check(e.low), this.check(e.high)], 'compare');
        if (!u) return fail;
        const [operand, low, high] = u.irs;
        return {
          ir: { op: 'between', operand, low, high, kind: u.kind, negated: e.negated },
          type: 'boolean',
          span,
        };
      }
      case 'isNull': {
        const c = this.check(e.operand);
        if (c.type === 'error') return fail;
        return { ir: { op: 'isNull', operand: c.ir, negated: e.negated }, type: 'boolean', span };
      }
      case 'and':
      case 'or': {
        const what = e.kind.toUpperCase();
        const left = this.boolean(this.check(e.left), what);
        const right = this.boolean(this.check(e.right), what);
        if (!left || !right) return fail;
        return { ir: { op: e.kind, left, right }, type: 'boolean', span };
      }
      case 'not': {
        const operand = this.boolean(this.check(e.operand), 'NOT');
        if (!operand) return fail;
        return { ir: { op: 'not', operand }, type: 'boolean', span };
      }
      case 'arith': {
        const left = this.number(this.check(e.left), 'Arithmetic');
        const right = this.number(this.check(e.right), 'Arithmetic');
        if (!left || !right) return fail;
        return { ir: { op: 'arith', arith: e.op, left, right }, type: 'number', span };
      }
      case 'negate': {
        const operand = this.number(this.check(e.operand), 'A minus sign');
        if (!operand) return fail;
        return { ir: { op: 'negate', operand }, type: 'number', span };
      }
      case 'call':
        return this.call(e, span);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, span: Span | undefined): Checked {
    const fail: Checked = { ir: { op: 'const', value: null }, type: 'error', span };
    switch (e.fn) {
      case 'length':
      case 'lower':
      case 'upper':
      case 'trim': {
        const operand = this.text(e.args[0], e.fn);
        if (!operand) return fail;
        return { ir: { op: e.fn, operand }, type: e.fn === 'length' ? 'number' : 'string', span };
      }
      case 'abs': {
        const operand = this.number(this.check(e.args[0]), 'abs()');
        if (!operand) return fail;
        return { ir: { op: 'abs', operand }, type: 'number', span };
      }
      case 'coalesce': {
        const u = this.unify(
          e.args.map((a) => this.check(a)),
          'mix',
        );
        if (!u) return fail;
        return { ir: { op: 'coalesce', args: u.irs }, type: u.kind, span };
      }
      case 'regexp_like': {
        const operand = this.text(e.args[0], 'regexp_like');
        const pattern = e.args[1];
        if (!operand || pattern.kind !== 'string') return fail;
        return { ir: { op: 'regexp', operand, pattern: pattern.value }, type: 'boolean', span };
      }
      case 'date': {
        const c = this.check(e.args[0]);
        if (c.type === 'error') return fail;
        let operand: IR = c.ir;
        if (c.literal) {
          const converted = convertLiteral(c.literal, 'timestamp');
          if ('error' in converted) return this.error(c.span, converted.error);
          operand = { op: 'const', value: converted.value };
        } else if (c.type !== 'date' && c.type !== 'timestamp' && c.type !== 'null') {
          return this.error(c.span, `date() needs a date or a timestamp, not ${KIND_LABEL[c.type]}`);
        }
        return { ir: { op: 'date', operand }, type: 'date', span };
      }
      case 'now':
        return { ir: { op: 'now' }, type: 'timestamp', span };
    }
  }
}

/**
 * Checks a condition (CUSTOM's predicate or a WHERE) and lowers it to IR. Errors are appended to
 * `errors`; the IR is undefined when there were any.
 */
export function checkCondition(
  e: Expr,
  scope: SchemaScope,
  errors: DslError[],
  what: string,
): IR | undefined {
  const before = errors.length;
  const checker = new Checker({ scope, errors });
  const ir = checker.boolean(checker.check(e), what);
  return errors.length === before ? ir : undefined;
}
