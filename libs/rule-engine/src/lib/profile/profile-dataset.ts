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
import { candidateFormats, NULL_MARKER_CANDIDATES, PATTERN_CLASSES } from './patterns';
import { profileDialectFor } from './sql/dialects';
import {
  statsStatement,
  valuesStatement,
  planColumns,
  type ColumnPlan,
  type Statement,
  type ValuesPlan,
} from './sql/statements';
import { checkInt, DEFAULT_DISTINCT_EXACT_LIMIT, DEFAULT_TOP_N, MAX_TOP_N, ProfileError } from './options';
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
  const d = profileDialectFor(runner.dialect);
  if (!d) throw new ProfileError(`profiling is not available for the ${String(runner.dialect)} dialect`);
  const names = new Set<string>();
  for (const c of dataset.schema.columns) {
    if (names.has(c.name)) throw new ProfileError(`duplicate column name ${JSON.stringify(c.name)}`);
    names.add(c.name);
  }
  const existing = options.existingTypes ?? {};
  const cols = planColumns(dataset);
  const statements: string[] = [];
  const run = async (st: Statement): Promise<Record<string, unknown>[]> => {
    statements.push(st.sql);
    try {
      return await runner.query(st.sql, st.params);
    } catch (e) {
      throw new ProfileError(
        `profiling ${dataset.name} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  const [row] = await run(statsStatement(d, dataset, cols));
  if (!row) throw new ProfileError(`profiling ${dataset.name} failed: the statistics query returned no row`);
  const rowCount = num(row['row_count']) ?? 0;
  const stats = cols.map((c) => readStats(row, c, rowCount));

  // Second scan: exact distinct values and top values where affordable, and date-format checks.
  const plans: ValuesPlan[] = [];
  cols.forEach((c, k) => {
    const formats: string[] = [];
    const ex = existing[c.schema.name];
    if (c.textual && (c.schema.storage ?? 'text') === 'text') {
      const lo = text(row[`c${c.index}_shmin`]);
      const hi = text(row[`c${c.index}_shmax`]);
      if (lo !== null && lo === hi) formats.push(...candidateFormats(lo));
      if (ex?.format && !formats.includes(ex.format)) formats.push(ex.format);
    }
    if (formats.length > 0 || stats[k].distinctCount <= limit) plans.push({ column: c, formats });
  });
  if (plans.length > 0) {
    const rows = await run(valuesStatement(d, dataset, cols, plans, topN));
    for (const plan of plans) readValues(rows, plan, stats[plan.column.index]);
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
    plan: { scans: statements.length, statements, durationMs: Date.now() - started },
  };
}

function readStats(row: Record<string, unknown>, c: ColumnPlan, rowCount: number): ColumnStats {
  const i = c.index;
  const get = (k: string) => num(row[`c${i}_${k}`]);
  const nonNull = get('nn') ?? 0;
  const evidence = emptyEvidence(nonNull);
  const patterns: Record<string, number> = {};
  const markers: Record<string, number> = {};
  if (c.textual) {
    evidence.integer = get('int') ?? 0;
    evidence.decimal = get('dec') ?? 0;
    evidence.leadingZero = get('lz') ?? 0;
    evidence.boolean = get('bool') ?? 0;
    evidence.isoDate = get('date') ?? 0;
    evidence.isoTimestamp = get('ts') ?? 0;
    PATTERN_CLASSES.forEach((cls, k) => (patterns[cls.name] = get(`p${k}`) ?? 0));
    NULL_MARKER_CANDIDATES.forEach((m, k) => (markers[m] = get(`m${k}`) ?? 0));
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
    formatTime: {},
    patterns,
    markers,
    // Exact when the dialect has no estimator (it counted DISTINCT) — refined by the values scan.
    distinctCount: dist,
    distinctExact: false,
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

function readValues(rows: Record<string, unknown>[], plan: ValuesPlan, s: ColumnStats): void {
  const mine = rows.filter((r) => num(r['col']) === plan.column.index);
  s.distinctExact = true;
  s.distinctCount = mine.length ? (num(mine[0]['dn']) ?? 0) : 0;
  s.singletonCount = mine.length ? (num(mine[0]['sg']) ?? 0) : 0;
  s.topValues = sortTopValues(mine.map((r) => ({ value: text(r['v']) ?? '', count: num(r['n']) ?? 0 })));
  plan.formats.forEach((f, m) => {
    const get = (k: string) => (mine.length ? num(mine[0][`f${plan.column.index}_${m}_${k}`]) : null);
    const ok = get('ok') ?? 0;
    s.evidence.formats.push({ format: f, readable: ok });
    const s1 = get('s1');
    const s2 = get('s2');
    const mean = ok > 0 && s1 !== null ? s1 / ok : null;
    const variance = ok > 1 && s2 !== null && mean !== null ? (s2 - ok * mean * mean) / (ok - 1) : null;
    s.formatTime[f] = {
      min: get('min'),
      max: get('max'),
      mean: mean === null ? null : mean * 1000,
      stddev: variance === null ? null : Math.sqrt(Math.max(0, variance)) * 1000,
    };
  });
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
