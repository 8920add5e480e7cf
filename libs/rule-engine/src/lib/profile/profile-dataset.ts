/**
 * `profileDataset`: a dataset's profile computed where its rows live, as SQL aggregates (two scans at
 * most), through the caller's `SqlRunner`. No rows travel to Node: only one aggregate row and the top
 * values of each column.
 */
import type { DatasetRef, SqlRunner } from '../model';
import {
  assembleColumn,
  emptyEvidence,
  NO_MOMENTS,
  sortTopValues,
  type ColumnStats,
  type Moments,
} from './assemble';
import {
  candidateFormats,
  MAX_DATE_TEXT,
  NULL_MARKER_CANDIDATES,
  PATTERN_CLASSES,
  shapeOf,
} from './patterns';
import { dialectFor, type Dialect } from '../sql/dialects';
import type { BoundStatement } from '../sql/params';
import {
  planColumns,
  sampleStatement,
  statsStatement,
  valuesStatement,
  type ColumnPlan,
} from './sql/statements';
import { PROFILE_AGGREGATES } from './sql/extras';
import {
  checkExistingTypes,
  checkInt,
  DEFAULT_DISTINCT_EXACT_LIMIT,
  DEFAULT_TOP_N,
  MAX_TOP_N,
  ProfileError,
} from './options';
import type { DatasetProfile, ProfileOptions } from './types';

export { ProfileError };

/**
 * Profiles a dataset with one or two SQL scans: per column the type (inferred by SEMANTICS.md's reading
 * rules unless native or given in `existingTypes`), nulls, distinct values (exact up to
 * `distinctExactLimit`), moments, lengths, top values, pattern classes and null-marker candidates.
 */
export async function profileDataset(
  runner: SqlRunner,
  dataset: DatasetRef,
  options: ProfileOptions = {},
): Promise<DatasetProfile> {
  const started = Date.now();
  const topN = checkInt('topN', options.topN ?? DEFAULT_TOP_N, 1, MAX_TOP_N);
  const limit = checkInt(
    'distinctExactLimit',
    options.distinctExactLimit ?? DEFAULT_DISTINCT_EXACT_LIMIT,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  let d: Dialect;
  try {
    d = dialectFor(runner.dialect);
  } catch {
    throw new ProfileError(`profiling is not available for the ${String(runner.dialect)} dialect`);
  }
  const names = new Set<string>();
  for (const c of dataset.schema.columns) {
    if (names.has(c.name)) throw new ProfileError(`duplicate column name ${JSON.stringify(c.name)}`);
    names.add(c.name);
  }
  const existing = checkExistingTypes(options.existingTypes ?? {});
  const cols = planColumns(dataset);
  const statements: string[] = [];
  const run = async (build: () => BoundStatement): Promise<Record<string, unknown>[]> => {
    let st: BoundStatement;
    try {
      st = build();
    } catch (e) {
      // Building refuses what can't be expressed safely (a NUL in a name, an unusable format).
      throw new ProfileError(`can't profile ${dataset.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    statements.push(st.sql);
    try {
      return await runner.query(st.sql, st.params);
    } catch (e) {
      throw new ProfileError(
        `profiling ${dataset.name} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  // A bounded read of the first rows names the date formats worth checking on every row.
  const sample = await run(() => sampleStatement(d, dataset, cols));
  for (const c of cols) {
    if (!c.textual || (c.schema.storage ?? 'text') !== 'text') continue;
    c.formats = formatsOfSample(sample.map((r) => text(r[`x${c.index}`])));
    const ex = existing[c.schema.name]?.format;
    if (ex && !c.formats.includes(ex)) c.formats.push(ex);
  }

  const [row] = await run(() => statsStatement(d, dataset, cols));
  if (!row) throw new ProfileError(`profiling ${dataset.name} failed: the statistics query returned no row`);
  const rowCount = num(row['row_count']) ?? 0;
  // Without an estimator the statistics scan counted DISTINCT exactly.
  const exact = PROFILE_AGGREGATES[d.name].approxDistinct('x', 'x') === null;
  const stats = cols.map((c) => readStats(row, c, rowCount, exact));

  // Second scan: exact distinct values and top values where affordable, null-marker candidates of all
  // text columns.
  const grouped = cols.filter((c) => stats[c.index].distinctCount <= limit);
  if (grouped.length > 0 || cols.some((c) => c.textual)) {
    const rows = await run(() => valuesStatement(d, dataset, cols, grouped, topN));
    for (const c of cols) readValues(rows, c, stats[c.index], grouped.includes(c), topN);
  }

  const now = options.now ?? new Date();
  return {
    dataset: dataset.name,
    rowCount,
    columns: cols.map((c) =>
      assembleColumn(c.schema, stats[c.index], rowCount, topN, existing[c.schema.name]),
    ),
    profiledAt: now.toISOString(),
    nullMarkers: [...dataset.schema.nullMarkers],
    // The sample reads a bounded number of rows; only the other statements scan the data.
    plan: { scans: statements.length - 1, statements, durationMs: Date.now() - started },
  };
}

function readStats(
  row: Record<string, unknown>,
  c: ColumnPlan,
  rowCount: number,
  exact: boolean,
): ColumnStats {
  const i = c.index;
  const get = (k: string) => num(row[`c${i}_${k}`]);
  const nonNull = get('nn') ?? 0;
  const evidence = emptyEvidence(nonNull);
  const patterns: Record<string, number> = {};
  const markers: Record<string, number> = {};
  const formatTime: Record<string, Moments> = {};
  if (c.textual) {
    // Integer form = unsigned digits (the `digits` class) + signed.
    const digits = get(`p${PATTERN_CLASSES.findIndex((x) => x.name === 'digits')}`) ?? 0;
    evidence.integer = digits + (get('sint') ?? 0);
    evidence.decimal = get('dec') ?? 0;
    evidence.leadingZero = get('lz') ?? 0;
    evidence.boolean = get('bool') ?? 0;
    evidence.isoDate = get(`p${PATTERN_CLASSES.findIndex((x) => x.name === 'isoDate')}`) ?? 0;
    evidence.isoTimestamp = get('ts') ?? 0;
    PATTERN_CLASSES.forEach((cls, k) => (patterns[cls.name] = get(`p${k}`) ?? 0));
    for (const m of NULL_MARKER_CANDIDATES) markers[m] = 0;
    c.formats.forEach((f, m) => {
      const moments = readMoments(row, `c${i}_f${m}_`);
      evidence.formats.push({ format: f, readable: num(row[`c${i}_f${m}_cnt`]) ?? 0 });
      formatTime[f] = moments;
    });
  }
  const dist = get('dist') ?? 0;
  return {
    name: c.schema.name,
    nullCount: rowCount - nonNull,
    nonNull,
    evidence,
    minLength: c.textual ? get('minlen') : null,
    maxLength: c.textual ? get('maxlen') : null,
    numeric: c.textual || c.nativeKind === 'number' ? readMoments(row, `c${i}_n`) : NO_MOMENTS,
    isoTime: c.textual || c.nativeKind === 'time' ? readMoments(row, `c${i}_t`) : NO_MOMENTS,
    formatTime,
    patterns,
    markers,
    // Refined by the values scan where that runs.
    distinctCount: dist,
    distinctExact: exact,
    singletonCount: null,
    topValues: [],
  };
}

function readMoments(row: Record<string, unknown>, prefix: string): Moments {
  const n = num(row[`${prefix}cnt`]) ?? 0;
  const mean = num(row[`${prefix}avg`]);
  let sd = num(row[`${prefix}sd`]);
  const sq = num(row[`${prefix}sq`]);
  if (sd === null && sq !== null && mean !== null && n > 1) {
    sd = Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
  }
  return { min: num(row[`${prefix}min`]), max: num(row[`${prefix}max`]), mean, stddev: n > 1 ? sd : null };
}

function readValues(
  rows: Record<string, unknown>[],
  c: ColumnPlan,
  s: ColumnStats,
  grouped: boolean,
  topN: number,
): void {
  const mine = rows.filter((r) => num(r['col']) === c.index);
  for (const r of mine) {
    const v = text(r['v']);
    if (num(r['mk']) === 1 && v !== null && Object.prototype.hasOwnProperty.call(s.markers, v))
      s.markers[v] = num(r['n']) ?? 0;
  }
  if (!grouped) return;
  s.distinctExact = true;
  s.distinctCount = mine.length ? (num(mine[0]['dn']) ?? 0) : 0;
  s.singletonCount = mine.length ? (num(mine[0]['sg']) ?? 0) : 0;
  s.topValues = sortTopValues(
    mine
      .filter((r) => (num(r['rn']) ?? Infinity) <= topN)
      .map((r) => ({ value: text(r['v']) ?? '', count: num(r['n']) ?? 0 })),
  );
}

/** Formats every non-null sample value could be written in: one shape for all, or none. */
function formatsOfSample(values: (string | null)[]): string[] {
  let shape: string | null = null;
  for (const v of values) {
    if (v === null) continue;
    const s = v.length <= MAX_DATE_TEXT ? shapeOf(v) : '~';
    if (shape !== null && s !== shape) return [];
    shape = s;
  }
  return shape === null ? [] : candidateFormats(shape);
}

/** Numbers as drivers return them: number, bigint, numeric text. */
function num(x: unknown): number | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'string' && x.trim() !== '') {
    const n = Number(x);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Text as drivers return it (binary-collated text may come back as bytes). */
function text(x: unknown): string | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string') return x;
  if (x instanceof Uint8Array) return new TextDecoder().decode(x);
  return String(x);
}
