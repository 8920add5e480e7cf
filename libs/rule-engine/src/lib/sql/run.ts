/**
 * Runs a compiled rule set through a `SqlRunner`: introspects the columns the source really has, runs
 * the client-side regex pass when the dialect needs one, the one aggregate statement, then one bounded
 * sample query per failing row-level rule. SQL returns counts; verdicts come from `verdictOf`.
 */
import type {
  DatasetRef,
  RuleResult,
  RuleSetResult,
  RuleToRun,
  RunOptions,
  SampleRow,
  SqlRunner,
} from '../model';
import { verdictOf } from '../semantics/verdict';
import { compileRuleSet, type CompiledRule } from './compile';
import {
  csvColumnsSql,
  csvContentSql,
  csvLayoutOf,
  csvSniffSql,
  diagnoseCsv,
  duckdbCsvReason,
  duckdbErrorLine,
  MAX_CSV_RECORD_BYTES,
} from './csv';
import { dialectFor, type Dialect } from './dialects';
import { SqlParams, type BoundStatement } from './params';
import type { RegexEngine } from '../regex/engine';
import { matchAtoms, RegexSetTooLarge } from './regex-prepass';

export const DEFAULT_SAMPLE_SIZE = 20;
export const MAX_SAMPLE_SIZE = 1000;
/** Files up to this size are scanned here to name the line of a parse error DuckDB names none for. */
const MAX_DIAGNOSED_FILE = 64 * 1024 * 1024;

export interface SqlRunOptions extends RunOptions {
  /** The linear-time RE2 engine for patterns matched client-side (MySQL, and PostgreSQL for some patterns). */
  regexEngine?: RegexEngine;
  /** Longest key list a file's UNIQUE/FOREIGN_KEY sample filters on (see compile.ts KEY_LIST_ROWS). */
  keyListRows?: number;
}

/** A number from whatever a driver returns for a count or a BIGINT (number, bigint, numeric string). */
export function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return null;
}

/** A sample value as JSON can carry it: text as read; bigint, Date and bytes turned into text. */
function sampleValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return v;
}

function checkSampleSize(n: number | undefined): number {
  const size = n ?? DEFAULT_SAMPLE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_SAMPLE_SIZE) {
    throw new RangeError(`sampleSize must be an integer from 0 to ${MAX_SAMPLE_SIZE}, got ${String(n)}`);
  }
  return size;
}

function introspection(d: Dialect, ds: DatasetRef): BoundStatement {
  const p = new SqlParams();
  const src = ds.source;
  if (src.kind === 'csv') return p.finish(d, csvColumnsSql(p, src));
  const text = (v: string | undefined) => (v === undefined ? 'NULL' : d.typed(p.add(v), 'text'));
  switch (d.name) {
    case 'sqlite':
      return p.finish(
        d,
        `SELECT name FROM pragma_table_info(${text(src.table)}${src.schema ? `, ${text(src.schema)}` : ''}) ORDER BY cid`,
      );
    case 'mysql':
      return p.finish(
        d,
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = ${text(src.table)} ` +
          `AND table_schema = COALESCE(${text(src.schema)}, DATABASE()) ORDER BY ordinal_position`,
      );
    default:
      return p.finish(
        d,
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = ${text(src.table)} ` +
          `AND table_schema = COALESCE(${text(src.schema)}, current_schema()) ORDER BY ordinal_position`,
      );
  }
}

function describe(ds: DatasetRef): string {
  return ds.source.kind === 'csv'
    ? `dataset '${ds.name}'`
    : `table '${ds.source.table}' of dataset '${ds.name}'`;
}

/**
 * Runs `rules` over `dataset` in the runner's database: one aggregate statement for all of them, then a
 * bounded sample query per failing row-level rule. A rule that can't run (unknown or missing column,
 * bad format) gets verdict ERROR with a message and doesn't stop the others; if the data itself can't
 * be read (a malformed CSV, a missing table) every rule gets ERROR with the reason.
 */
export async function runRuleSet(
  runner: SqlRunner,
  dataset: DatasetRef,
  rules: readonly RuleToRun[],
  options: SqlRunOptions = {},
): Promise<RuleSetResult> {
  const started = performance.now();
  const d = dialectFor(runner.dialect);
  const sampleSize = checkSampleSize(options.sampleSize);
  const now = options.now ?? new Date();
  const statements: string[] = [];
  const run = async (st: BoundStatement) => {
    statements.push(st.sql);
    const t = performance.now();
    const rows = await runner.query(st.sql, st.params);
    return { rows, ms: performance.now() - t };
  };
  const results = new Map<string, RuleResult>();
  const errorResult = (ruleId: string, error: string, durationMs = 0): RuleResult => ({
    ruleId,
    rowsChecked: 0,
    failedCount: 0,
    passRate: 0,
    verdict: 'ERROR',
    error,
    samples: [],
    durationMs,
  });
  const finish = (scans: number, rowsScanned: number, sampleQueries: number): RuleSetResult => ({
    results: rules.map((r) => results.get(r.id) ?? errorResult(r.id, 'Rule was not run')),
    plan: { scans, sampleQueries, rowsScanned, statements },
    durationMs: performance.now() - started,
  });
  const failAll = (message: string) => {
    for (const r of rules) if (!results.has(r.id)) results.set(r.id, errorResult(r.id, message));
  };

  // 1. The columns the source really has (a later version may have dropped one). A file is sniffed
  // here once; every later statement of the run reads it with that layout instead of sniffing again.
  const introspect = async (ds: DatasetRef): Promise<{ ds: DatasetRef; columns: Set<string> }> => {
    if (ds.source.kind === 'csv' && d.name === 'duckdb') {
      // The sniffer refuses some files the reader takes (an empty one, say): those are read as before.
      const p = new SqlParams();
      const layout = await run(p.finish(d, csvSniffSql(p, ds.source))).then(
        ({ rows }) => csvLayoutOf(rows[0]),
        () => undefined,
      );
      if (layout) {
        return { ds: { ...ds, source: { ...ds.source, layout } }, columns: new Set(layout.columns) };
      }
    }
    const { rows } = await run(introspection(d, ds));
    if (ds.source.kind === 'table' && rows.length === 0) {
      throw new Error(`Table '${ds.source.table}' not found`);
    }
    return { ds, columns: new Set(rows.map((r) => String(r['name']))) };
  };
  let available: Set<string>;
  try {
    ({ ds: dataset, columns: available } = await introspect(dataset));
  } catch (e) {
    failAll(await readError(runner, d, dataset, e, run));
    return finish(0, 0, 0);
  }
  const refColumns = new Map<DatasetRef, Set<string>>();
  const sniffedRefs = new Map<DatasetRef, DatasetRef>();
  for (const rule of rules) {
    if (rule.ast.type !== 'FOREIGN_KEY') continue;
    const ref = options.resolveDataset?.(rule.ast.refDataset);
    if (!ref || sniffedRefs.has(ref) || (ref.source.kind === 'csv') !== (dataset.source.kind === 'csv'))
      continue;
    try {
      const found = await introspect(ref);
      sniffedRefs.set(ref, found.ds);
      refColumns.set(found.ds, found.columns);
    } catch (e) {
      results.set(rule.id, errorResult(rule.id, await readError(runner, d, ref, e, run)));
    }
  }
  const resolveDataset = (name: string) => {
    const ref = options.resolveDataset?.(name);
    return ref && (sniffedRefs.get(ref) ?? ref);
  };
  const runnable = rules.filter((r) => !results.has(r.id));

  // 2. Compile; patterns the database can't run are matched here first, then compiled in.
  const compileOptions = {
    ...options,
    resolveDataset,
    now,
    availableColumns: available,
    availableRefColumns: (ref: DatasetRef) => refColumns.get(ref),
  };
  let plan: ReturnType<typeof compileRuleSet>;
  try {
    plan = compileRuleSet(d, dataset, runnable, compileOptions);
  } catch (e) {
    // Only the source itself can fail here (e.g. a table name no database accepts).
    failAll(`Cannot read ${describe(dataset)}: ${message(e)}`);
    return finish(0, 0, 0);
  }
  let prepassMs = 0;
  let scans = 0;
  if (plan.regexPrepass) {
    try {
      const { rows, ms } = await run(plan.regexPrepass);
      prepassMs = ms;
      scans++;
      const regexResults = matchAtoms(plan.regexAtoms, rows, options.regexEngine);
      plan = compileRuleSet(d, dataset, runnable, { ...compileOptions, regexResults });
    } catch (e) {
      failAll(e instanceof RegexSetTooLarge ? e.message : await readError(runner, d, dataset, e, run));
      return finish(scans, 0, 0);
    }
  }
  for (const c of plan.rules) if (c.kind === 'error') results.set(c.ruleId, errorResult(c.ruleId, c.error));
  if (!plan.statement) return finish(scans, 0, 0);

  // 3. The one aggregate statement.
  let row: Record<string, unknown>;
  let mainMs: number;
  try {
    const out = await run(plan.statement);
    row = out.rows[0] ?? {};
    mainMs = out.ms + prepassMs;
    scans++;
  } catch (e) {
    failAll(await readError(runner, d, dataset, e, run));
    return finish(scans, 0, 0);
  }
  const total = toNumber(row['n']) ?? 0;

  // 4. Verdicts, then samples for the failing row-level rules.
  let sampleQueries = 0;
  for (const c of plan.rules) {
    if (c.kind === 'error') continue;
    const result = ruleResult(c, row, now.getTime(), mainMs);
    if (c.kind === 'row' && result.verdict === 'FAILED' && result.failedCount > 0 && sampleSize > 0) {
      const query = plan.sampleQuery(c.ruleId, sampleSize, row);
      if (query) {
        try {
          const { rows, ms } = await run(query);
          sampleQueries++;
          result.durationMs += ms;
          result.samples = rows.map((r) => toSample(r, dataset, plan.sampleColumns));
        } catch (e) {
          result.error = `Counts are complete, but the sample rows could not be read: ${message(e)}`;
        }
      }
    }
    results.set(c.ruleId, result);
  }
  return finish(scans, total * scans, sampleQueries);
}

function ruleResult(
  c: Exclude<CompiledRule, { kind: 'error' }>,
  row: Record<string, unknown>,
  nowMs: number,
  ms: number,
): RuleResult {
  const checked = toNumber(row[c.checked]) ?? 0;
  let failed: number;
  let datasetLevel = false;
  if (c.kind === 'row') {
    failed = toNumber(row[c.failed]) ?? 0;
  } else if (c.kind === 'rowCount') {
    datasetLevel = true;
    failed = (c.min !== null && checked < c.min) || (c.max !== null && checked > c.max) ? 1 : 0;
  } else {
    datasetLevel = true;
    const newest = toNumber(row[c.newest]);
    failed = newest === null || newest < nowMs - c.windowMs ? 1 : 0;
  }
  const { passRate, verdict } = verdictOf(checked, failed, c.mostly, datasetLevel);
  return {
    ruleId: c.ruleId,
    rowsChecked: checked,
    failedCount: failed,
    passRate,
    verdict,
    samples: [],
    durationMs: ms,
  };
}

function toSample(r: Record<string, unknown>, ds: DatasetRef, columns: number[]): SampleRow {
  // Column names become keys with fromEntries (own properties), so `__proto__` is just a name.
  const entries = columns.map((i) => [ds.schema.columns[i].name, sampleValue(r[`r${i}`])] as const);
  const values: Record<string, unknown> = Object.fromEntries(entries);
  const sample: SampleRow = { rowNumber: toNumber(r['rn']), values };
  const keys = new Set(ds.schema.keyColumns ?? []);
  if (keys.size) sample.key = Object.fromEntries(entries.filter(([name]) => keys.has(name)));
  return sample;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Why a dataset can't be read, naming the line for CSV parse errors. */
async function readError(
  runner: SqlRunner,
  d: Dialect,
  ds: DatasetRef,
  e: unknown,
  run: (st: BoundStatement) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<string> {
  const text = message(e);
  if (ds.source.kind !== 'csv' || d.name !== 'duckdb') return `Cannot read ${describe(ds)}: ${text}`;
  if (/No files found|does not exist|Cannot open file/i.test(text)) {
    return `Cannot read ${describe(ds)}: the file is missing or unreadable`;
  }
  const line = duckdbErrorLine(text);
  // DuckDB 1.5.6 names line 1 for any record over max_line_size: that line is found by the diagnosis.
  const tooLong = /Maximum line size/i.test(text);
  if (line !== undefined && !tooLong) {
    return `Cannot read ${describe(ds)}: CSV error at line ${line}: ${duckdbCsvReason(text)}`;
  }
  try {
    const p = new SqlParams();
    const { rows } = await run(p.finish(d, csvContentSql(p, ds.source.path, MAX_DIAGNOSED_FILE)));
    const content = rows[0]?.['content'];
    if (typeof content === 'string') {
      const problem = diagnoseCsv(content, { ...ds.source, maxRecordBytes: MAX_CSV_RECORD_BYTES });
      if (problem)
        return `Cannot read ${describe(ds)}: CSV error at line ${problem.line}: ${problem.message}`;
    }
  } catch {
    // The diagnosis is best effort; DuckDB's own reason follows.
  }
  void runner;
  return `Cannot read ${describe(ds)}: ${duckdbCsvReason(text)}`;
}
