/**
 * `profileRows`: the same profile as `profileDataset`, computed in memory over a small sample (the rule
 * editor's preview, tests). Browser-safe: plain TypeScript over the shared reading rules.
 */
import type { ColumnSchema, DatasetSchema } from '../model';
import { codePointLength, compareText } from '../semantics/text';
import {
  cellText,
  readBoolean,
  readIsoDate,
  readIsoTimestamp,
  readNumber,
  readWithFormat,
} from '../semantics/values';
import { assembleColumn, emptyEvidence, type ColumnStats, type Moments } from './assemble';
import {
  MAX_DATE_TEXT,
  NULL_MARKER_CANDIDATES,
  PATTERN_CLASSES,
  candidateFormats,
  formatType,
  shapeOf,
} from './patterns';
import { checkExistingTypes, checkInt, DEFAULT_TOP_N, MAX_TOP_N, ProfileError } from './options';
import type { DatasetProfile, ProfileOptions } from './types';

// The ISO classes and `digits` follow the readers (a real day; an integer without a sign); the others
// are their patterns (SQL runs the same ones).
const READER_CLASSES = new Set(['isoDate', 'isoTimestamp', 'digits']);
const CLASS_RES = PATTERN_CLASSES.filter((c) => !READER_CLASSES.has(c.name)).map((c) => ({
  name: c.name,
  re: new RegExp(c.regex),
}));
const LEADING_ZERO = /^[+-]?0[0-9]/;

/**
 * Profiles rows held in memory (cell texts; numbers, booleans and Dates are turned into text). Without a
 * schema, every key of the rows is a text column and there are no null markers. Distinct counts are
 * always exact here.
 */
export function profileRows(
  schema: DatasetSchema | null | undefined,
  rows: readonly Record<string, unknown>[],
  options: ProfileOptions = {},
): DatasetProfile {
  const topN = checkInt('topN', options.topN ?? DEFAULT_TOP_N, 1, MAX_TOP_N);
  if (!Array.isArray(rows)) throw new ProfileError('rows must be an array of objects');
  const s = schema ?? schemaOfRows(rows);
  const existing = checkExistingTypes(options.existingTypes ?? {});
  const columns = s.columns.map((c) => {
    const stats = columnStats(c, rows, s.nullMarkers, existing[c.name]?.format ?? null);
    return assembleColumn(c, stats, rows.length, topN, existing[c.name]);
  });
  return {
    rowCount: rows.length,
    columns,
    profiledAt: (options.now ?? new Date()).toISOString(),
    nullMarkers: [...s.nullMarkers],
    plan: { scans: 1, statements: [], durationMs: 0 },
  };
}

function schemaOfRows(rows: readonly Record<string, unknown>[]): DatasetSchema {
  const names = new Set<string>();
  for (const r of rows) {
    if (r === null || typeof r !== 'object') throw new ProfileError('rows must be an array of objects');
    for (const k of Object.keys(r)) names.add(k);
  }
  return { columns: [...names].map((name) => ({ name, type: 'string' as const })), nullMarkers: [] };
}

function rawText(x: unknown): string | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string') return x;
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? null : x.toISOString();
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  return JSON.stringify(x);
}

/** Running count, min, max, mean and variance (Welford: stable for large values such as epochs). */
class Running {
  n = 0;
  min = Infinity;
  max = -Infinity;
  private mean = 0;
  private m2 = 0;
  add(x: number): void {
    this.n++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  moments(): Moments {
    if (this.n === 0) return { min: null, max: null, mean: null, stddev: null };
    return {
      min: this.min,
      max: this.max,
      mean: this.mean,
      stddev: this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : null,
    };
  }
}

function columnStats(
  c: ColumnSchema,
  rows: readonly Record<string, unknown>[],
  markers: readonly string[],
  existingFormat: string | null,
): ColumnStats {
  const native = (c.storage ?? 'text') === 'native';
  const textual = !native || c.type === 'string';
  const texts: string[] = [];
  for (const r of rows) {
    const t = cellText(rawText(r[c.name]), c, textual ? markers : []);
    if (t !== null) texts.push(t);
  }
  const e = emptyEvidence(texts.length);
  const numeric = new Running();
  const isoTime = new Running();
  const patterns: Record<string, number> = {};
  const markerCounts: Record<string, number> = {};
  const counts = new Map<string, number>();
  const shapes = new Set<string>();
  let minLength = Infinity;
  let maxLength = -Infinity;
  for (const t of texts) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
    if (!textual) {
      const x = c.type === 'date' || c.type === 'timestamp' ? readIsoTimestamp(t) : readNumber(t);
      if (x !== undefined) (c.type === 'date' || c.type === 'timestamp' ? isoTime : numeric).add(x);
      continue;
    }
    const dec = readNumber(t);
    const integer = readNumber(t, true) !== undefined;
    const classes: string[] = [];
    if (integer) e.integer++;
    if (dec !== undefined) {
      e.decimal++;
      numeric.add(dec);
      if (LEADING_ZERO.test(t)) e.leadingZero++;
      if (integer && t.charCodeAt(0) >= 0x30 && t.charCodeAt(0) <= 0x39) classes.push('digits');
    }
    if (readBoolean(t) !== undefined) e.boolean++;
    if (readIsoDate(t) !== undefined) {
      e.isoDate++;
      classes.push('isoDate');
    }
    const ts = readIsoTimestamp(t);
    if (ts !== undefined) {
      e.isoTimestamp++;
      isoTime.add(ts);
      if (t.length > 10) classes.push('isoTimestamp');
    }
    for (const cls of CLASS_RES) if (cls.re.test(t)) classes.push(cls.name);
    for (const name of classes) patterns[name] = (patterns[name] ?? 0) + 1;
    const len = codePointLength(t);
    minLength = Math.min(minLength, len);
    maxLength = Math.max(maxLength, len);
    if (shapes.size < 2) shapes.add(len <= MAX_DATE_TEXT ? shapeOf(t) : '~');
  }
  if (textual) for (const m of NULL_MARKER_CANDIDATES) markerCounts[m] = counts.get(m) ?? 0;
  // Date formats: only when every value has the same shape (and only for text storage).
  const formats: string[] = [];
  if (!native && shapes.size === 1) formats.push(...candidateFormats([...shapes][0]));
  if (!native && existingFormat && !formats.includes(existingFormat)) formats.push(existingFormat);
  const formatTime: Record<string, Moments> = {};
  for (const f of formats) {
    const run = new Running();
    for (const t of texts) {
      const ms = readWithFormat(t, f, formatType(f));
      if (ms !== undefined) run.add(ms);
    }
    e.formats.push({ format: f, readable: run.n });
    formatTime[f] = run.moments();
  }
  const top = [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value));
  let singletons = 0;
  for (const n of counts.values()) if (n === 1) singletons++;
  return {
    name: c.name,
    nullCount: rows.length - texts.length,
    nonNull: texts.length,
    evidence: e,
    minLength: textual && texts.length ? minLength : null,
    maxLength: textual && texts.length ? maxLength : null,
    numeric: numeric.moments(),
    isoTime: isoTime.moments(),
    formatTime,
    patterns,
    markers: markerCounts,
    distinctCount: counts.size,
    distinctExact: true,
    singletonCount: singletons,
    topValues: top.slice(0, MAX_TOP_N),
  };
}
