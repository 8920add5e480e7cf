/**
 * Checks a parsed rule against a dataset's schema (SEMANTICS.md): unknown columns, type mismatches,
 * literals that can't be converted, FOREIGN_KEY targets. `analyzeRule` also returns the typed pieces
 * (converted bounds and values, the IR of expressions) that back ends evaluate.
 */
import type { RuleAst, Span } from './ast';
import { errorAt, type DslError } from './errors';
import type { DatasetSchema } from '../model';
import type { IR } from '../expression/ir';
import { checkCondition, convertLiteral, SchemaScope, type ResolvedColumn } from '../expression/check';
import type { TypedValue, ValueKind } from '../semantics/values';

export interface ValidationContext {
  /** Looks up another dataset's schema by name (case-insensitively), for FOREIGN_KEY. */
  resolveSchema?(datasetName: string): DatasetSchema | undefined;
}

export type { ResolvedColumn };

const DURATION_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** The typed form of a rule, ready to evaluate. */
export type RuleAnalysis = (
  | { type: 'NOT_NULL'; column: ResolvedColumn }
  | { type: 'UNIQUE'; columns: ResolvedColumn[] }
  | { type: 'IN_RANGE'; column: ResolvedColumn; min: TypedValue | null; max: TypedValue | null }
  | { type: 'MATCHES'; column: ResolvedColumn; pattern: string }
  | { type: 'ACCEPTED_VALUES'; column: ResolvedColumn; values: TypedValue[] }
  | {
      type: 'FOREIGN_KEY';
      column: ResolvedColumn;
      refDataset: string;
      /** Present when a schema resolver was given. */
      refSchema?: DatasetSchema;
      refColumn?: ResolvedColumn;
    }
  | { type: 'ROW_COUNT'; min: number | null; max: number | null }
  | { type: 'FRESHNESS'; column: ResolvedColumn; windowMs: number }
  | { type: 'CUSTOM'; predicate: IR }
) & { where?: IR; mostly?: string };

export type AnalyzeResult = { ok: true; analysis: RuleAnalysis } | { ok: false; errors: DslError[] };

const KIND_NAME: Record<ValueKind, string> = {
  number: 'numeric',
  string: 'text',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
};

function familyOf(kind: ValueKind): string {
  return kind === 'date' || kind === 'timestamp' ? 'datetime' : kind;
}

/** Type-checks a rule against `schema` and returns its typed form, or every error found. */
export function analyzeRule(ast: RuleAst, schema: DatasetSchema, ctx: ValidationContext = {}): AnalyzeResult {
  const errors: DslError[] = [];
  const scope = new SchemaScope(schema);
  const col = (ref: { name: string; span?: Span; kind: 'column' }): ResolvedColumn | undefined => {
    const found = scope.resolve(ref.name);
    if (!found) errors.push(scope.unknown(ref));
    return found;
  };

  let analysis: RuleAnalysis | undefined;
  switch (ast.type) {
    case 'NOT_NULL': {
      const column = col(ast.column);
      if (column) analysis = { type: ast.type, column };
      break;
    }
    case 'UNIQUE': {
      const columns = ast.columns.map(col);
      if (columns.every((c): c is ResolvedColumn => c !== undefined)) analysis = { type: ast.type, columns };
      break;
    }
    case 'IN_RANGE': {
      const column = col(ast.column);
      if (!column) break;
      if (column.kind === 'boolean') {
        errors.push(
          errorAt(
            ast.column.span,
            `IN_RANGE needs a numeric, text, date or timestamp column; '${ast.column.name}' is boolean`,
          ),
        );
        break;
      }
      const bounds = [ast.min, ast.max].map((lit) => {
        if (column.kind === 'string' && lit.kind === 'number') {
          errors.push(
            errorAt(
              lit.span,
              `'${ast.column.name}' is a text column: its bounds are quoted strings, not ${lit.text}`,
            ),
          );
          return undefined;
        }
        const converted = convertLiteral(lit, column.kind);
        if ('error' in converted) {
          errors.push(
            errorAt(
              lit.span,
              `${converted.error} (the bound of ${KIND_NAME[column.kind]} column '${ast.column.name}')`,
            ),
          );
          return undefined;
        }
        return converted;
      });
      if (bounds[0] && bounds[1])
        analysis = { type: ast.type, column, min: bounds[0].value, max: bounds[1].value };
      break;
    }
    case 'MATCHES': {
      const column = col(ast.column);
      if (column) analysis = { type: ast.type, column, pattern: ast.pattern };
      break;
    }
    case 'ACCEPTED_VALUES': {
      const column = col(ast.column);
      if (!column) break;
      const values: TypedValue[] = [];
      for (const lit of ast.values) {
        const converted = convertLiteral(lit, column.kind);
        if ('error' in converted) {
          errors.push(
            errorAt(
              lit.span,
              `${converted.error} (a value of ${KIND_NAME[column.kind]} column '${ast.column.name}')`,
            ),
          );
        } else if (converted.value !== null) values.push(converted.value);
      }
      if (values.length === ast.values.length) analysis = { type: ast.type, column, values };
      break;
    }
    case 'FOREIGN_KEY': {
      const column = col(ast.column);
      if (!column) break;
      if (!ctx.resolveSchema) {
        analysis = { type: ast.type, column, refDataset: ast.refDataset };
        break;
      }
      const refSchema = ctx.resolveSchema(ast.refDataset);
      if (!refSchema) {
        errors.push(errorAt(ast.refDatasetSpan ?? ast.span, `Unknown dataset '${ast.refDataset}'`));
        break;
      }
      const refScope = new SchemaScope(refSchema);
      const refColumn = refScope.resolve(ast.refColumn.name);
      if (!refColumn) {
        errors.push(refScope.unknown(ast.refColumn, ast.refDataset));
        break;
      }
      if (familyOf(column.kind) !== familyOf(refColumn.kind)) {
        errors.push(
          errorAt(
            ast.refColumn.span,
            `'${ast.column.name}' (${column.column.type}) cannot reference '${ast.refDataset}'.'${ast.refColumn.name}' (${refColumn.column.type}): the types are not comparable`,
          ),
        );
        break;
      }
      analysis = { type: ast.type, column, refDataset: ast.refDataset, refSchema, refColumn };
      break;
    }
    case 'ROW_COUNT': {
      const bound = (lit: typeof ast.min) => (lit.kind === 'number' ? Number(lit.text) : null);
      analysis = { type: ast.type, min: bound(ast.min), max: bound(ast.max) };
      break;
    }
    case 'FRESHNESS': {
      const column = col(ast.column);
      if (!column) break;
      if (column.kind !== 'date' && column.kind !== 'timestamp') {
        errors.push(
          errorAt(
            ast.column.span,
            `FRESHNESS needs a date or timestamp column; '${ast.column.name}' is ${column.column.type}`,
          ),
        );
        break;
      }
      analysis = { type: ast.type, column, windowMs: ast.window.amount * DURATION_MS[ast.window.unit] };
      break;
    }
    case 'CUSTOM': {
      const predicate = checkCondition(ast.predicate, scope, errors, 'CUSTOM');
      if (predicate) analysis = { type: ast.type, predicate };
      break;
    }
  }

  let where: IR | undefined;
  if (ast.where) where = checkCondition(ast.where, scope, errors, 'WHERE');
  if (errors.length || !analysis) return { ok: false, errors: dedupe(errors) };
  if (where) analysis.where = where;
  if (ast.mostly !== undefined) analysis.mostly = ast.mostly;
  return { ok: true, analysis };
}

function dedupe(errors: DslError[]): DslError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Errors of a parsed rule against a dataset's schema, each at the offending node: unknown columns
 * (with close matches), type mismatches, unconvertible literals, FOREIGN_KEY targets (when
 * `ctx.resolveSchema` is given). Empty when the rule is valid. Never throws.
 */
export function validateRule(ast: RuleAst, schema: DatasetSchema, ctx?: ValidationContext): DslError[] {
  try {
    const result = analyzeRule(ast, schema, ctx);
    return result.ok ? [] : result.errors;
  } catch (e) {
    const message =
      e instanceof RangeError
        ? 'Rule too complex to check'
        : `Internal error while checking the rule: ${String(e)}`;
    return [errorAt(ast?.span, message)];
  }
}
