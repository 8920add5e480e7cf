/**
 * From raw per-column statistics (computed in SQL or in memory) to a `ColumnProfile`: the type decision,
 * the statistics of that type, pattern shares and null-marker candidates. Both profilers end here, so
 * they agree whenever their counts agree.
 */
import type { ColumnType } from '@dqw/shared-types';
import type { ColumnSchema } from '../model';
import { compareText } from '../semantics/text';
import { inferType, readableAs, type TypeEvidence } from './infer';
import { PATTERN_CLASSES, formatRegex } from './patterns';
import type { ColumnProfile, ExistingType, TopValue } from './types';

export interface Moments {
  min: number | null;
  max: number | null;
  mean: number | null;
  stddev: number | null;
}

export interface ColumnStats {
  name: string;
  nullCount: number;
  nonNull: number;
  /** Counts for type inference (text columns; for native non-text columns all zero). */
  evidence: TypeEvidence;
  minLength: number | null;
  maxLength: number | null;
  /** Over values readable as decimals (or the native numbers). */
  numeric: Moments;
  /** Epoch ms over values readable as ISO timestamps (or the native dates/timestamps). */
  isoTime: Moments;
  /** Epoch ms per candidate format, over the values that format reads. */
  formatTime: Record<string, Moments>;
  /** Count of non-null values per pattern class name. */
  patterns: Record<string, number>;
  /** Count per null-marker candidate. */
  markers: Record<string, number>;
  distinctCount: number;
  distinctExact: boolean;
  singletonCount: number | null;
  topValues: TopValue[];
}

export const NO_MOMENTS: Moments = { min: null, max: null, mean: null, stddev: null };

export function emptyEvidence(nonNull: number): TypeEvidence {
  return {
    nonNull,
    integer: 0,
    decimal: 0,
    boolean: 0,
    isoDate: 0,
    isoTimestamp: 0,
    leadingZero: 0,
    formats: [],
  };
}

/** The type a column is read with: native columns keep their type, user types win, else inference. */
export function decideType(
  schema: ColumnSchema,
  evidence: TypeEvidence,
  existing: ExistingType | undefined,
): {
  type: ColumnType;
  format: string | null;
  inferred: ReturnType<typeof inferType>;
  source: ColumnProfile['typeSource'];
} {
  const inferred = inferType(evidence);
  if ((schema.storage ?? 'text') === 'native') {
    return { type: schema.type, format: null, inferred, source: 'native' };
  }
  if (existing) return { type: existing.type, format: existing.format ?? null, inferred, source: 'existing' };
  return { type: inferred.type, format: inferred.format, inferred, source: 'inferred' };
}

export function assembleColumn(
  schema: ColumnSchema,
  s: ColumnStats,
  rowCount: number,
  topN: number,
  existing: ExistingType | undefined,
): ColumnProfile {
  const storage = schema.storage ?? 'text';
  const native = storage === 'native';
  const textual = !native || schema.type === 'string';
  const d = decideType(schema, s.evidence, existing);
  const { type, format } = d;
  const unreadable = native ? 0 : Math.max(0, s.nonNull - readableAs(s.evidence, type, format));
  let min: string | number | null = null;
  let max: string | number | null = null;
  let mean: number | null = null;
  let stddev: number | null = null;
  if (type === 'integer' || type === 'decimal') {
    ({ min, max, mean, stddev } = s.numeric);
  } else if (type === 'date' || type === 'timestamp') {
    const m = format ? (s.formatTime[format] ?? NO_MOMENTS) : s.isoTime;
    min = isoText(m.min, type);
    max = isoText(m.max, type);
    mean = m.mean;
    stddev = m.stddev;
  }
  const patterns = textual
    ? PATTERN_CLASSES.filter((c) => (s.patterns[c.name] ?? 0) > 0).map((c) => ({
        name: c.name,
        regex: c.regex,
        count: s.patterns[c.name],
        share: share(s.patterns[c.name], s.nonNull),
      }))
    : [];
  if (format && textual) {
    const readable = readableAs(s.evidence, type, format);
    if (readable > 0) {
      patterns.unshift({
        name: `format:${format}`,
        regex: formatRegex(format),
        count: readable,
        share: share(readable, s.nonNull),
      });
    }
  }
  const nullMarkerCounts = Object.entries(s.markers)
    .filter(([, n]) => n > 0)
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    name: s.name,
    type,
    inferredType: d.inferred.type,
    typeSource: d.source,
    format,
    formatCandidates: d.inferred.formatCandidates,
    storage,
    nullCount: s.nullCount,
    nullShare: share(s.nullCount, rowCount),
    nonNullCount: s.nonNull,
    unreadableCount: unreadable,
    distinctCount: s.distinctCount,
    distinctExact: s.distinctExact,
    singletonCount: s.singletonCount,
    min,
    max,
    mean,
    stddev,
    minLength: textual ? s.minLength : null,
    maxLength: textual ? s.maxLength : null,
    topValues: s.topValues.slice(0, topN),
    topValuesComplete: s.distinctExact && s.distinctCount <= topN && s.topValues.length >= s.distinctCount,
    patterns,
    nullMarkerCandidates: nullMarkerCounts.map((m) => m.value),
    nullMarkerCounts,
  };
}

function share(n: number, of: number): number {
  return of === 0 ? 0 : n / of;
}

/** Epoch ms → `YYYY-MM-DD` for dates, full ISO (UTC) for timestamps. */
export function isoText(ms: number | null, type: 'date' | 'timestamp'): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return type === 'date' ? iso.slice(0, 10) : iso;
}

/** Sorts top values: most frequent first, ties by code-point order of the value. */
export function sortTopValues(values: TopValue[]): TopValue[] {
  return values.sort((a, b) => b.count - a.count || compareText(a.value, b.value));
}
