/**
 * Compiles a dataset's rule set into ONE aggregate statement (plus one bounded sample query per rule,
 * built on demand) for a SQL dialect. Rules are type-checked by the same analysis as every other back
 * end (`analyzeRule`), so literal conversion and typing can't drift apart; this file only decides how
 * each rule becomes SQL:
 *
 * - row-level rules: `COUNT(*) FILTER (WHERE scope)` and `COUNT(*) FILTER (WHERE scope AND fails)` (or
 *   `COUNT(CASE WHEN … THEN 1 END)` where there is no FILTER clause);
 * - UNIQUE: a hash aggregate of the in-scope keys occurring more than once, left-joined back;
 * - FOREIGN_KEY: a left anti-join with the distinct typed values of the referenced column;
 * - ROW_COUNT and FRESHNESS: the in-scope count and the newest typed value; TS computes the verdict.
 *
 * Identifiers come only from the schema and are quoted; every value is bound.
 */
import { analyzeRule, type RuleAnalysis } from '../dsl/validate';
import type { IR } from '../expression/ir';
import type { DatasetRef, RuleToRun, RunOptions, SqlDialect } from '../model';
import type { Dialect } from './dialects/dialect';
import {
  irToSql,
  regexSql,
  type ExpressionContext,
  type RegexAtom,
  type RegexAtomResult,
} from './expression-sql';
import { SqlParams, type BoundStatement } from './params';
import { readsAsText } from './reading';
import { alias, layeredSelect, textRef } from './source';

export interface CompileOptions extends RunOptions {
  /**
   * Names of the columns the source really has (from introspection). A rule naming a schema column
   * outside this set ends in ERROR ("not in the dataset") instead of failing the statement.
   */
  availableColumns?: ReadonlySet<string>;
  /** The same for datasets a FOREIGN_KEY references, by the name the rule uses. */
  availableRefColumns?: (dataset: DatasetRef) => ReadonlySet<string> | undefined;
  /** Results of the client-side regex pass (see regex-prepass.ts), in the order of `regexAtoms`. */
  regexResults?: readonly RegexAtomResult[];
  /** How many failing keys a key list (see KEY_LIST_ROWS) may hold; tests lower it to reach the fallback. */
  keyListRows?: number;
}

/**
 * A file's UNIQUE (one column) and FOREIGN_KEY failures depend on the whole file (a hash aggregate,
 * a join), so their sample query can't stop at the first failing rows and read the file again in full
 * (measured: 0.9–1.2 s of a 1.5 s run at 1M rows). The aggregate statement therefore also collects the
 * failing rows' keys (DuckDB's bounded `min(v, n)`: typed values for numbers and text, the texts
 * otherwise); when that list is complete (shorter than the bound) and has few distinct keys, the sample
 * query is a plain filter on those keys, which stops after the first N rows. Every row with a failing
 * key fails too, so the filter selects exactly the failing rows.
 */
export const KEY_LIST_ROWS = 20_000;
/** Distinct keys a sample query's filter may list (a constant list compared per row). */
export const KEY_LIST_DISTINCT = 1_000;

export type CompiledRule =
  | { ruleId: string; kind: 'error'; error: string }
  | {
      ruleId: string;
      kind: 'row';
      mostly?: string;
      /** Result columns: rows in scope and failing rows (the scope column is `n` without WHERE). */
      checked: string;
      failed: string;
      /** Result column with the failing rows' keys (a list of at most `keyListRows`), if collected. */
      keys?: string;
    }
  | {
      ruleId: string;
      kind: 'rowCount';
      mostly?: string;
      checked: string;
      min: number | null;
      max: number | null;
    }
  | { ruleId: string; kind: 'freshness'; mostly?: string; checked: string; newest: string; windowMs: number };

export interface RuleSetPlan {
  dialect: SqlDialect;
  /** The aggregate statement (one row: `n` and each rule's columns); absent when no rule compiled. */
  statement?: BoundStatement;
  /** Patterns this dialect can't run, to match client-side before `statement` is final. */
  regexAtoms: RegexAtom[];
  /** Fetches the distinct texts of each atom: rows `{a: atom index, s: text}`. */
  regexPrepass?: BoundStatement;
  rules: CompiledRule[];
  /**
   * The bounded sample query of a row-level rule: its failing in-scope rows, lowest row number first,
   * at most `limit`, as rows `{rn, r0, r1, …}` (raw cells by schema index). Undefined for other rules.
   * `row` is the aggregate statement's result: with a complete key list in it the query filters on
   * those keys instead of recomputing the rule.
   */
  sampleQuery(ruleId: string, limit: number, row?: Record<string, unknown>): BoundStatement | undefined;
  /** Schema indexes of the raw columns a sample query returns. */
  sampleColumns: number[];
}

interface RowRuleSql {
  scope?: string;
  /** Per-row failure condition (the aggregate's FILTER and the sample query's WHERE). */
  fails: string;
  /** CTEs and joins `fails` needs; they read the shared row source `src` when `usesSrc`. */
  ctes: string[];
  joins: string[];
  usesSrc: boolean;
  /** Typed columns the rule reads. */
  typed: number[];
  /** The failing keys the aggregate lists (see KEY_LIST_ROWS), and the sample filter built on them. */
  keyList?: KeyList;
}

interface KeyList {
  /** The key in the aggregate and in the sample query (a value or view alias). */
  expr: string;
  type: 'double' | 'text';
  /** The sample query's condition, given the condition "the key is in the list". */
  where(inList: string): string;
}

class RuleError extends Error {}

/** ACCEPTED_VALUES lists up to this length are written as comparisons rather than `NOT IN`. */
const MAX_CHAINED_VALUES = 32;

/** Code point order, which is UTF-8 byte order: how DuckDB compares VARCHARs. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Schema indexes of the columns an IR reads. */
function irColumns(ir: IR | undefined, out: number[] = []): number[] {
  if (!ir) return out;
  switch (ir.op) {
    case 'column':
    case 'text':
      out.push(ir.index);
      break;
    case 'const':
    case 'now':
      break;
    case 'compare':
    case 'arith':
    case 'and':
    case 'or':
      irColumns(ir.left, out);
      irColumns(ir.right, out);
      break;
    case 'in':
      irColumns(ir.operand, out);
      ir.values.forEach((v) => irColumns(v, out));
      break;
    case 'between':
      irColumns(ir.operand, out);
      irColumns(ir.low, out);
      irColumns(ir.high, out);
      break;
    case 'coalesce':
      ir.args.forEach((a) => irColumns(a, out));
      break;
    default:
      irColumns(ir.operand, out);
  }
  return out;
}

function analysisColumns(a: RuleAnalysis): number[] {
  const out: number[] = [];
  switch (a.type) {
    case 'UNIQUE':
      out.push(...a.columns.map((c) => c.index));
      break;
    case 'CUSTOM':
      irColumns(a.predicate, out);
      break;
    case 'ROW_COUNT':
      break;
    default:
      out.push(a.column.index);
  }
  irColumns(a.where, out);
  return [...new Set(out)];
}

/** Compiles `rules` over `dataset` for `dialect`. Never throws for a bad rule: it becomes an ERROR entry. */
export function compileRuleSet(
  dialect: Dialect,
  dataset: DatasetRef,
  rules: readonly RuleToRun[],
  options: CompileOptions = {},
): RuleSetPlan {
  const d = dialect;
  const p = new SqlParams();
  const cols = dataset.schema.columns;
  const nowMs = (options.now ?? new Date()).getTime();
  const keyListRows = options.keyListRows ?? KEY_LIST_ROWS;
  const atoms: RegexAtom[] = [];
  const resolveDataset = (name: string): DatasetRef | undefined => options.resolveDataset?.(name);
  // The aliases the aggregate statement reads: its (materialized) row source holds only these. A text
  // dialect's string value is its view, so a string column is held once, not twice.
  const usedViews = new Set<number>();
  const usedValues = new Set<number>();
  const usedPresent = new Set<number>();
  const viewOf = (i: number) => {
    usedViews.add(i);
    return alias.view(i);
  };
  const isText = (i: number) =>
    cols[i].type === 'string' && readsAsText(d, cols[i]) && d.textKey('t') === 't';
  const valueOf = (i: number) => {
    if (isText(i)) return viewOf(i);
    usedValues.add(i);
    return alias.value(i);
  };
  /**
   * "The cell has a value" (its view is not NULL). On DuckDB a typed column's read holds it as a
   * boolean instead of the text, which only this test needed: at 10M rows the narrower materialized
   * read made the aggregate statement ~15% faster (bench:engine).
   */
  const present = (i: number) => {
    if (d.name !== 'duckdb' || isText(i)) return `${viewOf(i)} IS NOT NULL`;
    usedPresent.add(i);
    return alias.present(i);
  };
  const ctx: ExpressionContext = {
    dialect: d,
    params: p,
    nowMs,
    atoms,
    atomResults: options.regexResults,
    columns: {
      value: valueOf,
      text: (i) => {
        usedViews.add(i);
        return textRef(d, dataset, i);
      },
    },
  };
  const missing = (i: number) =>
    options.availableColumns !== undefined && !options.availableColumns.has(cols[i].name);

  const compiled: CompiledRule[] = [];
  const rowSql = new Map<string, RowRuleSql>();
  const select: string[] = ['COUNT(*) AS n'];
  const mainCtes: string[] = [];
  const mainJoins: string[] = [];
  const mainTyped = new Set<number>();
  let mainUsesSrc = false;

  rules.forEach((rule, k) => {
    const atomsBefore = atoms.length;
    try {
      const result = analyzeRule(rule.ast, dataset.schema, {
        resolveSchema: (name) => resolveDataset(name)?.schema,
      });
      if (!result.ok) throw new RuleError(result.errors.map((e) => e.message).join('; '));
      const a = result.analysis;
      const used = analysisColumns(a);
      for (const i of used) {
        if (missing(i)) throw new RuleError(`Column '${cols[i].name}' is not in dataset '${dataset.name}'`);
        if (cols[i].name.includes('\u0000')) throw new RuleError('A column name contains a NUL character');
      }
      const scope = a.where ? `(${irToSql(a.where, ctx)}) IS TRUE` : undefined;
      const checked = scope ? `k${k}_c` : 'n';
      const parts: string[] = scope ? [`${d.countIf(scope)} AS ${checked}`] : [];
      let entry: CompiledRule;
      if (a.type === 'ROW_COUNT') {
        entry = { ruleId: rule.id, kind: 'rowCount', mostly: a.mostly, checked, min: a.min, max: a.max };
      } else if (a.type === 'FRESHNESS') {
        const v = valueOf(a.column.index);
        parts.push(`${scope ? d.maxIf(scope, v) : `MAX(${v})`} AS k${k}_m`);
        entry = {
          ruleId: rule.id,
          kind: 'freshness',
          mostly: a.mostly,
          checked,
          newest: `k${k}_m`,
          windowMs: a.windowMs,
        };
      } else {
        const r = rowRule(a, k, scope);
        const failing = scope ? `${scope} AND ${r.fails}` : r.fails;
        const keyList = keyListOf(a, scope);
        rowSql.set(rule.id, { ...r, scope, typed: used, keyList });
        parts.push(`${d.countIf(failing)} AS k${k}_f`);
        mainCtes.push(...r.ctes);
        mainJoins.push(...r.joins);
        if (r.usesSrc) mainUsesSrc = true;
        entry = { ruleId: rule.id, kind: 'row', mostly: a.mostly, checked, failed: `k${k}_f` };
        if (keyList) {
          const { expr } = keyList;
          parts.push(
            `min(${expr}, ${keyListRows}) FILTER (WHERE ${failing} AND ${expr} IS NOT NULL) AS k${k}_l`,
          );
          entry.keys = `k${k}_l`;
        }
      }
      select.push(...parts);
      used.forEach((i) => mainTyped.add(i));
      compiled.push(entry);
    } catch (e) {
      // Nothing of a failing rule reaches the statement (its regex atoms neither).
      atoms.length = atomsBefore;
      compiled.push({ ruleId: rule.id, kind: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  });

  /** How a file's rule can be sampled from a list of its failing keys (DuckDB only). */
  function keyListOf(a: RuleAnalysis, scope: string | undefined): KeyList | undefined {
    if (d.name !== 'duckdb' || dataset.source.kind !== 'csv') return undefined;
    if (a.type !== 'FOREIGN_KEY' && !(a.type === 'UNIQUE' && a.columns.length === 1)) return undefined;
    const i = a.type === 'FOREIGN_KEY' ? a.column.index : a.columns[0].index;
    const inScope = (cond: string) => (scope ? `${scope} AND ${cond}` : cond);
    const numeric = cols[i].type === 'integer' || cols[i].type === 'decimal';
    if (!numeric && !isText(i)) {
      // Dates and others by their text: equal texts have equal values, so the rows of a listed text fail.
      return { expr: viewOf(i), type: 'text', where: inScope };
    }
    const v = valueOf(i);
    // A FOREIGN_KEY also fails on an unreadable value (its text present, its value NULL).
    const where =
      a.type === 'FOREIGN_KEY'
        ? (inList: string) => inScope(`${present(i)} AND (${v} IS NULL OR ${inList})`)
        : inScope;
    return { expr: v, type: numeric ? 'double' : 'text', where };
  }

  function rowRule(
    a: RuleAnalysis,
    k: number,
    scope: string | undefined,
  ): Omit<RowRuleSql, 'scope' | 'typed'> {
    const v = valueOf;
    const notNull = present;
    switch (a.type) {
      case 'NOT_NULL':
        return { fails: `NOT (${present(a.column.index)})`, ctes: [], joins: [], usesSrc: false };
      case 'UNIQUE': {
        const idx = a.columns.map((c) => c.index);
        const name = `u${k}`;
        const keys = idx.map((i, j) => `${v(i)} AS k${j}`).join(', ');
        const conds = [...(scope ? [scope] : []), ...idx.map((i) => `${v(i)} IS NOT NULL`)];
        const cte = `${name} AS (SELECT ${keys}, 1 AS hit FROM src WHERE ${conds.join(' AND ')} GROUP BY ${idx
          .map(v)
          .join(', ')} HAVING COUNT(*) > 1)`;
        const join = `LEFT JOIN ${name} ON ${idx.map((i, j) => `${v(i)} = ${name}.k${j}`).join(' AND ')}`;
        return { fails: `${name}.hit IS NOT NULL`, ctes: [cte], joins: [join], usesSrc: true };
      }
      case 'IN_RANGE': {
        const i = a.column.index;
        const isText = a.column.kind === 'string';
        const bound = (value: string | number | boolean) =>
          isText ? d.textKey(d.typed(p.add(value), 'text')) : d.typed(p.add(value), 'double');
        const inside: string[] = [];
        if (a.min !== null) inside.push(`${v(i)} >= ${bound(a.min)}`);
        if (a.max !== null) inside.push(`${v(i)} <= ${bound(a.max)}`);
        const outside = inside.length ? ` OR NOT (${inside.join(' AND ')})` : '';
        return {
          fails: `${notNull(i)} AND (${v(i)} IS NULL${outside})`,
          ctes: [],
          joins: [],
          usesSrc: false,
        };
      }
      case 'MATCHES': {
        const i = a.column.index;
        const match = regexSql(ctx, ctx.columns.text(i), a.pattern);
        return { fails: `${notNull(i)} AND NOT (${match})`, ctes: [], joins: [], usesSrc: false };
      }
      case 'ACCEPTED_VALUES': {
        const i = a.column.index;
        const isText = a.column.kind === 'string';
        const lit = (value: string | number | boolean) =>
          typeof value === 'boolean'
            ? d.bool(value)
            : isText
              ? d.textKey(d.typed(p.add(value), 'text'))
              : d.typed(p.add(value), 'double');
        // Short lists as a chain of comparisons: DuckDB turns IN lists into a join, and a join stops a
        // file's sample query from ending at its first N rows.
        const values = a.values.map(lit);
        const notIn =
          values.length <= MAX_CHAINED_VALUES
            ? values.map((x) => `${v(i)} <> ${x}`).join(' AND ')
            : `${v(i)} NOT IN (${values.join(', ')})`;
        const fails = values.length ? `${notNull(i)} AND (${v(i)} IS NULL OR (${notIn}))` : notNull(i);
        return { fails, ctes: [], joins: [], usesSrc: false };
      }
      case 'FOREIGN_KEY': {
        const i = a.column.index;
        const ref = resolveDataset(a.refDataset);
        if (!ref || !a.refColumn) throw new RuleError(`Unknown dataset '${a.refDataset}'`);
        if ((ref.source.kind === 'csv') !== (dataset.source.kind === 'csv')) {
          throw new RuleError(
            `FOREIGN_KEY from '${dataset.name}' to '${ref.name}': a file and a database table can't be joined in one statement`,
          );
        }
        const available = options.availableRefColumns?.(ref);
        const j = a.refColumn.index;
        if (available && !available.has(ref.schema.columns[j].name)) {
          throw new RuleError(`Column '${ref.schema.columns[j].name}' is not in dataset '${ref.name}'`);
        }
        const name = `f${k}`;
        const refRead = layeredSelect(d, p, ref, { typed: [j] });
        // The referenced dataset's own aliases (its read has both layers of column j).
        const rv = alias.value(j);
        const cte = `${name} AS (SELECT DISTINCT ${rv} AS k, 1 AS hit FROM (${refRead}) AS rf WHERE ${rv} IS NOT NULL)`;
        const join = `LEFT JOIN ${name} ON ${v(i)} = ${name}.k`;
        return {
          fails: `${notNull(i)} AND (${v(i)} IS NULL OR ${name}.hit IS NULL)`,
          ctes: [cte],
          joins: [join],
          usesSrc: false,
        };
      }
      case 'CUSTOM':
        return { fails: `(${irToSql(a.predicate, ctx)}) IS FALSE`, ctes: [], joins: [], usesSrc: false };
      default:
        throw new RuleError(`Rule type ${a.type} is not row-level`);
    }
  }

  const ok = compiled.some((c) => c.kind !== 'error');
  const srcBody = () =>
    layeredSelect(d, p, dataset, {
      typed: [...mainTyped],
      outputs: { views: usedViews, values: usedValues, present: usedPresent },
    });
  let statement: BoundStatement | undefined;
  if (ok) {
    const src = mainUsesSrc ? d.materializedCte('src', srcBody()) : `src AS (${srcBody()})`;
    const sql =
      `WITH ${[src, ...mainCtes].join(', ')} SELECT ${select.join(', ')} FROM src ${mainJoins.join(' ')}`.trim();
    statement = p.finish(d, sql);
  }

  let regexPrepass: BoundStatement | undefined;
  if (atoms.length && ok) {
    const parts = atoms.map(
      (atom, a) =>
        `SELECT ${a} AS a, s FROM (SELECT MIN(${atom.subject}) AS s FROM src WHERE ${atom.subject} IS NOT NULL ` +
        `GROUP BY ${d.textKey(atom.subject)}) AS d${a}`,
    );
    regexPrepass = p.finish(d, `WITH src AS (${srcBody()}) ${parts.join(' UNION ALL ')}`);
  }

  const available = (i: number) => !missing(i);
  const sampleColumns = cols.map((_c, i) => i).filter(available);
  const keyIdx = (dataset.schema.keyColumns ?? [])
    .map((name) => cols.findIndex((c) => c.name === name))
    .filter((i) => i >= 0 && available(i));
  const ordered =
    dataset.source.kind === 'csv' || !!(dataset.source.kind === 'table' && dataset.source.rowNumberColumn);

  /** The distinct keys of a complete key list in the aggregate's result, if there are few enough. */
  function keyValues(ruleId: string, keyList: KeyList, row: Record<string, unknown> | undefined) {
    const entry = compiled.find((c) => c.ruleId === ruleId);
    if (!row || entry?.kind !== 'row' || !entry.keys || !(entry.keys in row)) return undefined;
    // NULL: no failing row has a key (e.g. only unreadable foreign keys failed).
    const list = row[entry.keys] ?? [];
    if (!Array.isArray(list) || list.length >= keyListRows) return undefined;
    const keys = [...new Set(list)];
    if (keys.length > KEY_LIST_DISTINCT) return undefined;
    if (keyList.type === 'double') {
      const numbers = keys.filter((k): k is number => typeof k === 'number' && Number.isFinite(k));
      return numbers.length === keys.length ? numbers.sort((a, b) => a - b) : undefined;
    }
    const texts = keys.filter((k): k is string => typeof k === 'string');
    return texts.length === keys.length ? texts.sort(byCodePoint) : undefined;
  }

  function sampleQuery(
    ruleId: string,
    limit: number,
    row?: Record<string, unknown>,
  ): BoundStatement | undefined {
    const r = rowSql.get(ruleId);
    if (!r) return undefined;
    const n = Math.max(0, Math.min(1000, Math.floor(limit)));
    const keys = r.keyList && keyValues(ruleId, r.keyList, row);
    const ctes: string[] = [];
    let where = r.scope ? `${r.scope} AND ${r.fails}` : r.fails;
    let joins = r.joins;
    if (r.keyList && keys) {
      // A constant list compared per row (not IN, which DuckDB plans as a join that reads to the end),
      // after a range check that rules out most rows cheaply.
      const { expr, type } = r.keyList;
      const bound = (k: string | number) => d.typed(p.add(k), type);
      const inList = keys.length
        ? `${expr} >= ${bound(keys[0])} AND ${expr} <= ${bound(keys[keys.length - 1])} AND ` +
          `list_contains([${keys.map(bound).join(', ')}], ${expr})`
        : 'FALSE';
      where = r.keyList.where(inList);
      joins = [];
    } else {
      if (r.usesSrc) ctes.push(`src AS (${layeredSelect(d, p, dataset, { typed: r.typed })})`);
      ctes.push(...r.ctes);
    }
    ctes.push(
      `s AS (${layeredSelect(d, p, dataset, { typed: r.typed, raw: sampleColumns, rowNumber: true })})`,
    );
    const list = ['rn', ...sampleColumns.map(alias.raw)].join(', ');
    const select = `SELECT ${list} FROM s ${joins.join(' ')} WHERE ${where}`;
    let sql: string;
    if (ordered && d.orderedScans && dataset.source.kind === 'csv' && joins.length === 0) {
      // File order comes out of the scan: the first n failing rows are the lowest, and reading stops
      // there. Not through a join, whose output DuckDB doesn't keep in file order.
      sql = `WITH ${ctes.join(', ')} SELECT ${list} FROM (${select} LIMIT ${n}) AS q ORDER BY rn`;
    } else {
      const order = ordered
        ? ' ORDER BY rn'
        : keyIdx.length
          ? ` ORDER BY ${keyIdx.map(alias.raw).join(', ')}`
          : '';
      sql = `WITH ${ctes.join(', ')} ${select}${order} LIMIT ${n}`;
    }
    return p.finish(d, sql);
  }

  return {
    dialect: d.name,
    statement,
    regexAtoms: atoms,
    regexPrepass,
    rules: compiled,
    sampleQuery,
    sampleColumns,
  };
}
