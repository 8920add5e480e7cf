/**
 * The in-memory back end (DESIGN §4 "Execution"): evaluates a rule set over bounded samples held as an
 * arquero table — the API's dry-run preview and, in the browser, the rule editor's live preview. It is
 * the TypeScript oracle of SEMANTICS.md that the SQL back ends are compared against.
 *
 * Only browser-safe code here. Rows arrive as JSON objects; arquero's CSV loader is never used, and
 * neither are arquero's verbs (they compile expressions with `Function`): the table is only the
 * columnar store, under generated column names (`c0`, `c1`…) so no user-supplied name ever becomes a
 * property key. Rules are checked into IR and run as closures over column arrays.
 */
import { table as aqTable } from 'arquero';
import { isDatasetLevel } from '../dsl/introspect';
import { analyzeRule, type RuleAnalysis } from '../dsl/validate';
import type { ResolvedColumn } from '../expression/check';
import { compileIR, compareValues, type EvalContext, type Value } from '../expression/evaluate';
import type { DatasetSchema, RuleResult, RuleSetResult, RuleToRun, RunOptions, SampleRow } from '../model';
import type { RegexEngine } from '../regex/engine';
import { pikeRegexEngine } from '../regex/pike';
import { verdictOf } from '../semantics/verdict';
import { cellText, readTyped, UNREADABLE, type CellValue, type TypedValue } from '../semantics/values';

export const DEFAULT_SAMPLE_SIZE = 20;
export const MAX_SAMPLE_SIZE = 1000;

/** Rows as JSON: column name → raw cell text (null for SQL NULL or a missing cell). */
export type InMemoryRows = ReadonlyArray<Readonly<Record<string, string | null>>>;

export interface InMemoryData {
  schema: DatasetSchema;
  rows: InMemoryRows;
}

export interface InMemoryOptions extends RunOptions {
  /** The rows of a dataset a FOREIGN_KEY names (match the name case-insensitively). */
  resolveRows?(datasetName: string): InMemoryData | undefined;
  /** Defaults to the pure-TypeScript RE2 matcher; pass `re2WasmEngine(RE2)` in Node. */
  regexEngine?: RegexEngine;
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** A dataset as columns, with typed values and texts computed once per column on demand. */
class ColumnarData {
  readonly rowCount: number;
  private readonly raw: ReadonlyArray<string | null>[];
  private readonly typedCache = new Map<number, Value[]>();
  private readonly cellCache = new Map<number, CellValue[]>();
  private readonly textCache = new Map<number, (string | null)[]>();

  constructor(
    readonly schema: DatasetSchema,
    rows: InMemoryRows,
  ) {
    const columns: Record<string, (string | null)[]> = {};
    schema.columns.forEach((c, i) => {
      const values = new Array<string | null>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        // Own properties only: a column named "constructor" or "__proto__" reads the row, not Object.
        const v: unknown =
          row !== null && typeof row === 'object' && hasOwn(row, c.name) ? row[c.name] : null;
        values[r] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
      }
      columns[`c${i}`] = values;
    });
    const t = aqTable(columns);
    this.rowCount = rows.length;
    this.raw = schema.columns.map((_c, i) => t.array(`c${i}`) as (string | null)[]);
  }

  rawValue(index: number, row: number): string | null {
    return this.raw[index][row];
  }

  /** null, UNREADABLE or the typed value of every row of a column. */
  cells(index: number): CellValue[] {
    let cells = this.cellCache.get(index);
    if (!cells) {
      const text = this.texts(index);
      const column = this.schema.columns[index];
      cells = text.map((t) => (t === null ? null : readTyped(t, column.type, column.format)));
      this.cellCache.set(index, cells);
    }
    return cells;
  }

  /** Typed values for expressions: unreadable reads as null. */
  typed(index: number): Value[] {
    let typed = this.typedCache.get(index);
    if (!typed) {
      typed = this.cells(index).map((v) => (v === UNREADABLE ? null : v));
      this.typedCache.set(index, typed);
    }
    return typed;
  }

  texts(index: number): (string | null)[] {
    let texts = this.textCache.get(index);
    if (!texts) {
      const column = this.schema.columns[index];
      const markers = this.schema.nullMarkers ?? [];
      texts = this.raw[index].map((raw) => cellText(raw, column, markers));
      this.textCache.set(index, texts);
    }
    return texts;
  }
}

/** A key that equal typed values share and different ones don't (numbers and text never collide). */
function keyOf(value: TypedValue): string {
  return typeof value === 'string' ? `s${value}` : typeof value === 'number' ? `n${value}` : `b${value}`;
}

interface RunState {
  data: ColumnarData;
  options: InMemoryOptions;
  now: number;
  regexCache: Map<string, (text: string) => boolean>;
  regexEngine: RegexEngine;
  /** Datasets read for FOREIGN_KEY (name → rows read), for the plan. */
  extraScans: Map<string, number>;
}

function evalContext(data: ColumnarData, state: RunState): EvalContext {
  return {
    typed: (i) => data.typed(i),
    text: (i) => data.texts(i),
    regex: (pattern) => regexFor(state, pattern),
    now: state.now,
  };
}

function regexFor(state: RunState, pattern: string): (text: string) => boolean {
  let test = state.regexCache.get(pattern);
  if (!test) {
    test = state.regexEngine.compile(pattern);
    state.regexCache.set(pattern, test);
  }
  return test;
}

/** Rows in scope: all, or those where WHERE is true. */
function scopeRows(analysis: RuleAnalysis, state: RunState): number[] {
  const n = state.data.rowCount;
  const rows: number[] = [];
  if (!analysis.where) {
    for (let i = 0; i < n; i++) rows.push(i);
    return rows;
  }
  const where = compileIR(analysis.where, evalContext(state.data, state));
  for (let i = 0; i < n; i++) if (where(i) === true) rows.push(i);
  return rows;
}

/** Failing rows (in row order) of a row-level rule, among `scope`. */
function failingRows(analysis: RuleAnalysis, scope: number[], state: RunState): number[] {
  const { data } = state;
  const failed: number[] = [];
  switch (analysis.type) {
    case 'NOT_NULL': {
      const cells = data.cells(analysis.column.index);
      for (const r of scope) if (cells[r] === null) failed.push(r);
      break;
    }
    case 'UNIQUE': {
      const columns = analysis.columns.map((c) => data.cells(c.index));
      const groups = new Map<string, number[]>();
      for (const r of scope) {
        const parts: TypedValue[] = [];
        let skip = false;
        for (const cells of columns) {
          const v = cells[r];
          if (v === null || v === UNREADABLE) {
            skip = true;
            break;
          }
          parts.push(v);
        }
        if (skip) continue;
        const key = parts.length === 1 ? keyOf(parts[0]) : JSON.stringify(parts.map(keyOf));
        const group = groups.get(key);
        if (group) group.push(r);
        else groups.set(key, [r]);
      }
      for (const group of groups.values()) if (group.length > 1) failed.push(...group);
      failed.sort((a, b) => a - b);
      break;
    }
    case 'IN_RANGE': {
      const cells = data.cells(analysis.column.index);
      const { min, max } = analysis;
      const kind = analysis.column.kind;
      for (const r of scope) {
        const v = cells[r];
        if (v === null) continue;
        if (
          v === UNREADABLE ||
          (min !== null && compareValues(kind, v, min) < 0) ||
          (max !== null && compareValues(kind, v, max) > 0)
        ) {
          failed.push(r);
        }
      }
      break;
    }
    case 'MATCHES': {
      const texts = data.texts(analysis.column.index);
      const test = regexFor(state, analysis.pattern);
      for (const r of scope) {
        const t = texts[r];
        if (t !== null && !test(t)) failed.push(r);
      }
      break;
    }
    case 'ACCEPTED_VALUES': {
      const cells = data.cells(analysis.column.index);
      const accepted = new Set(analysis.values.map(keyOf));
      for (const r of scope) {
        const v = cells[r];
        if (v === null) continue;
        if (v === UNREADABLE || !accepted.has(keyOf(v))) failed.push(r);
      }
      break;
    }
    case 'FOREIGN_KEY': {
      const known = referencedKeys(analysis, state);
      const cells = data.cells(analysis.column.index);
      for (const r of scope) {
        const v = cells[r];
        if (v === null) continue;
        if (v === UNREADABLE || !known.has(keyOf(v))) failed.push(r);
      }
      break;
    }
    case 'CUSTOM': {
      const predicate = compileIR(analysis.predicate, evalContext(data, state));
      for (const r of scope) if (predicate(r) === false) failed.push(r);
      break;
    }
    case 'ROW_COUNT':
    case 'FRESHNESS':
      break;
  }
  return failed;
}

/** The typed non-null values of the referenced column, over all of its dataset's rows. */
function referencedKeys(
  analysis: Extract<RuleAnalysis, { type: 'FOREIGN_KEY' }>,
  state: RunState,
): Set<string> {
  const ref = state.options.resolveRows?.(analysis.refDataset);
  const refColumn = analysis.refColumn as ResolvedColumn;
  if (!ref) throw new RunError(`Dataset '${analysis.refDataset}' has no rows to check against`);
  const refData = new ColumnarData(ref.schema, ref.rows);
  state.extraScans.set(analysis.refDataset.toLowerCase(), refData.rowCount);
  const keys = new Set<string>();
  for (const v of refData.cells(refColumn.index)) if (v !== null && v !== UNREADABLE) keys.add(keyOf(v));
  return keys;
}

class RunError extends Error {}

function errorResult(ruleId: string, message: string, started: number): RuleResult {
  return {
    ruleId,
    rowsChecked: 0,
    failedCount: 0,
    passRate: 0,
    verdict: 'ERROR',
    error: message,
    samples: [],
    durationMs: performance.now() - started,
  };
}

function sampleOf(data: ColumnarData, row: number): SampleRow {
  const entries: Array<[string, unknown]> = data.schema.columns.map((c, i) => [
    c.name,
    data.rawValue(i, row),
  ]);
  // fromEntries defines own properties, so a column named "__proto__" is data, not a prototype.
  const sample: SampleRow = { rowNumber: row + 1, values: Object.fromEntries(entries) };
  const keys = data.schema.keyColumns ?? [];
  if (keys.length) {
    const byName = new Map(entries);
    sample.key = Object.fromEntries(keys.filter((k) => byName.has(k)).map((k) => [k, byName.get(k)]));
  }
  return sample;
}

function runOne(rule: RuleToRun, state: RunState, sampleSize: number): RuleResult {
  const started = performance.now();
  const { data } = state;
  const analyzed = analyzeRule(rule.ast, data.schema, {
    resolveSchema: (name) => state.options.resolveRows?.(name)?.schema,
  });
  if (!analyzed.ok) {
    if (rule.ast.type === 'FOREIGN_KEY' && !state.options.resolveRows) {
      return errorResult(rule.id, 'FOREIGN_KEY needs the referenced dataset (resolveRows)', started);
    }
    return errorResult(rule.id, analyzed.errors.map((e) => e.message).join('; '), started);
  }
  const analysis = analyzed.analysis;
  const scope = scopeRows(analysis, state);
  const rowsChecked = scope.length;
  const datasetLevel = isDatasetLevel(rule.ast);
  let failed: number[] = [];
  let failedCount: number;
  if (analysis.type === 'ROW_COUNT') {
    const outside =
      (analysis.min !== null && rowsChecked < analysis.min) ||
      (analysis.max !== null && rowsChecked > analysis.max);
    failedCount = outside ? 1 : 0;
  } else if (analysis.type === 'FRESHNESS') {
    const cells = data.cells(analysis.column.index);
    let newest: number | null = null;
    for (const r of scope) {
      const v = cells[r];
      if (typeof v === 'number' && (newest === null || v > newest)) newest = v;
    }
    failedCount = newest === null || newest < state.now - analysis.windowMs ? 1 : 0;
  } else {
    failed = failingRows(analysis, scope, state);
    failedCount = failed.length;
  }
  const { passRate, verdict } = verdictOf(rowsChecked, failedCount, analysis.mostly, datasetLevel);
  // As in the SQL back ends, evidence is gathered for rules that failed.
  const samples =
    verdict === 'FAILED' && !datasetLevel ? failed.slice(0, sampleSize).map((r) => sampleOf(data, r)) : [];
  return {
    ruleId: rule.id,
    rowsChecked,
    failedCount,
    passRate,
    verdict,
    samples,
    durationMs: performance.now() - started,
  };
}

function checkSampleSize(n: number | undefined): number {
  const size = n ?? DEFAULT_SAMPLE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_SAMPLE_SIZE) {
    throw new RangeError(`sampleSize must be an integer from 0 to ${MAX_SAMPLE_SIZE}, got ${String(n)}`);
  }
  return size;
}

/**
 * Runs `rules` over rows held in memory, with the semantics of SEMANTICS.md. A rule that doesn't fit
 * the schema (unknown column, type mismatch, missing FOREIGN_KEY target) gets an ERROR result naming
 * the problem; the others still run. Throws only for malformed arguments: a RangeError for an invalid
 * `sampleSize`, a TypeError when `data` has no rows or columns array.
 */
export function runInMemory(
  rules: RuleToRun[],
  data: InMemoryData,
  options: InMemoryOptions = {},
): RuleSetResult {
  const started = performance.now();
  if (!Array.isArray(data?.rows) || !Array.isArray(data?.schema?.columns)) {
    throw new TypeError('runInMemory needs { schema: { columns: [...] }, rows: [...] }');
  }
  const sampleSize = checkSampleSize(options.sampleSize);
  const columnar = new ColumnarData(data.schema, data.rows);
  const state: RunState = {
    data: columnar,
    options,
    now: (options.now ?? new Date()).getTime(),
    regexCache: new Map(),
    regexEngine: options.regexEngine ?? pikeRegexEngine,
    extraScans: new Map(),
  };
  const results = rules.map((rule) => {
    try {
      return runOne(rule, state, sampleSize);
    } catch (e) {
      const message =
        e instanceof RangeError ? 'Rule too complex to evaluate' : e instanceof Error ? e.message : String(e);
      return errorResult(rule.id, message, performance.now());
    }
  });
  const extraRows = [...state.extraScans.values()].reduce((a, b) => a + b, 0);
  return {
    results,
    plan: {
      scans: 1 + state.extraScans.size,
      sampleQueries: 0,
      rowsScanned: columnar.rowCount + extraRows,
      statements: [],
    },
    durationMs: performance.now() - started,
  };
}
