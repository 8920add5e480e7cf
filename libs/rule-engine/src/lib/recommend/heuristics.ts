/**
 * The per-column and dataset-level heuristics. Sources: Deequ's constraint suggestion rules
 * (CompleteIfComplete, RetainCompleteness, CategoricalRange, FractionalCategoricalRange, NonNegativeNumbers,
 * UniqueIfApproximatelyUnique) and DataKitchen TestGen's row-count floors; the rest (dominant pattern,
 * stable range, freshness, row count) follow DESIGN §5.
 */
import type { RuleType } from '@dqw/shared-types';
import type { DurationUnit, Literal, RuleAst } from '../dsl/ast';
import { PATTERN_CLASSES, fixedLengthClass, formatRegex } from '../profile/patterns';
import type { ColumnProfile, DatasetProfile, PatternShare } from '../profile/types';
import * as b from './ast-build';
import { count, lowerBound95, mostlyText, niceCeil, niceFloor, pct, sizeFactor } from './stats';

/** A suggestion before it is printed, validated and checked. */
export interface Draft {
  column: string | null;
  type: RuleType;
  ast: RuleAst;
  rationale: string;
  /** Before sample size and history are taken into account. */
  baseConfidence: number;
  /** Rows the evidence rests on (drives the sample-size factor). */
  evidence: number;
  heuristic: string;
}

/** TestGen's floors: no NOT_NULL at or below 10 rows, no UNIQUE at or below 500. */
export const FLOORS = { notNull: 10, unique: 500, other: 10 } as const;
/** Deequ: RetainCompleteness applies between 20% and 100% completeness. */
const MIN_COMPLETENESS = 0.2;
/** Deequ: categorical when ≤ 10% of distinct values are singletons; fractional up to 40%. */
const CATEGORICAL_SINGLETONS = 0.1;
const FRACTIONAL_SINGLETONS = 0.4;
/** Deequ's FractionalCategoricalRange target: the top values covering 90% of rows. */
const FRACTIONAL_COVERAGE = 0.9;
/** A pattern is dominant from this share of non-null values. */
const DOMINANT_PATTERN = 0.9;
/** Approximate distinct counts (±1–2%) this close to the non-null count suggest a key. */
const APPROX_UNIQUE = 0.98;
/** Free text longer than this is unique by accident, not by design. */
const MAX_KEY_LENGTH = 100;

export function completenessRules(c: ColumnProfile, rows: number): Draft[] {
  if (rows <= FLOORS.notNull) return [];
  const complete = c.nonNullCount / rows;
  const markers = markerNote(c);
  if (c.nullCount === 0) {
    return [
      {
        column: c.name,
        type: 'NOT_NULL',
        ast: b.notNull(c.name),
        rationale: `All ${count(rows)} rows have a value in ${c.name}.${markers}`,
        baseConfidence: 0.95,
        evidence: rows,
        heuristic: 'deequ.complete',
      },
    ];
  }
  if (complete <= MIN_COMPLETENESS) return [];
  const lower = lowerBound95(complete, rows);
  if (lower <= 0) return [];
  const mostly = mostlyText(lower);
  return [
    {
      column: c.name,
      type: 'NOT_NULL',
      ast: b.notNull(c.name, mostly),
      rationale:
        `${count(c.nonNullCount)} of ${count(rows)} rows (${pct(complete, 2)}) have a value in ${c.name}; ` +
        `the 95% confidence interval of completeness starts at ${mostly}%, so the rule expects at least that.` +
        markers,
      baseConfidence: 0.75,
      evidence: rows,
      heuristic: 'deequ.retain-completeness',
    },
  ];
}

export function uniqueRules(c: ColumnProfile, rows: number): Draft[] {
  if (rows <= FLOORS.unique || c.nonNullCount === 0) return [];
  // Decimals and times are often unique by accident; keys are integers or short texts.
  if (c.type !== 'integer' && c.type !== 'string') return [];
  if (c.type === 'string' && (c.maxLength ?? 0) > MAX_KEY_LENGTH) return [];
  if (c.distinctExact) {
    if (c.distinctCount !== c.nonNullCount) return [];
    return [
      {
        column: c.name,
        type: 'UNIQUE',
        ast: b.unique(c.name),
        rationale:
          `All ${count(c.nonNullCount)} non-null values of ${c.name} are distinct` +
          (c.nullCount > 0 ? ` (${count(c.nullCount)} nulls are ignored by UNIQUE).` : '.'),
        baseConfidence: keyLike(c.name) ? 0.95 : 0.85,
        evidence: c.nonNullCount,
        heuristic: 'deequ.unique',
      },
    ];
  }
  const ratio = c.distinctCount / c.nonNullCount;
  if (ratio < APPROX_UNIQUE) return [];
  return [
    {
      column: c.name,
      type: 'UNIQUE',
      ast: b.unique(c.name),
      rationale:
        `About ${count(c.distinctCount)} distinct values (estimated) for ${count(c.nonNullCount)} non-null ` +
        `rows of ${c.name}: ${c.name} looks like a key.`,
      baseConfidence: keyLike(c.name) ? 0.85 : 0.7,
      evidence: c.nonNullCount,
      heuristic: 'deequ.approximately-unique',
    },
  ];
}

export function acceptedValuesRules(c: ColumnProfile, rows: number): Draft[] {
  if (rows <= FLOORS.other || c.nonNullCount === 0) return [];
  if (c.type === 'boolean' || c.type === 'date' || c.type === 'timestamp') return [];
  if (!c.topValuesComplete || !c.distinctExact || c.singletonCount === null) return [];
  if (c.unreadableCount > 0 || c.distinctCount === 0) return [];
  const singletonShare = c.singletonCount / c.distinctCount;
  if (singletonShare > FRACTIONAL_SINGLETONS) return [];
  const lits = (values: string[]): Literal[] | null => {
    const out: Literal[] = [];
    const seen = new Set<string>();
    for (const v of values) {
      const lit = b.literalFor(c.type, v);
      if (!lit) return null;
      const key = JSON.stringify(lit);
      if (!seen.has(key)) out.push(lit);
      seen.add(key);
    }
    return out;
  };
  const sorted = c.topValues.map((t) => t.value);
  if (singletonShare <= CATEGORICAL_SINGLETONS) {
    const values = lits(sorted);
    if (!values) return [];
    return [
      {
        column: c.name,
        type: 'ACCEPTED_VALUES',
        ast: b.acceptedValues(c.name, values),
        rationale:
          `${c.name} takes ${c.distinctCount} distinct value${c.distinctCount === 1 ? '' : 's'} over ` +
          `${count(c.nonNullCount)} non-null rows, and ${c.singletonCount} of them ` +
          `(${pct(singletonShare)}) occur only once: it looks categorical.`,
        baseConfidence: 0.85,
        evidence: c.nonNullCount,
        heuristic: 'deequ.categorical-range',
      },
    ];
  }
  // Fractional: the most frequent values that together cover 90% of rows, with MOSTLY.
  let covered = 0;
  const top: string[] = [];
  for (const t of c.topValues) {
    top.push(t.value);
    covered += t.count;
    if (covered / c.nonNullCount >= FRACTIONAL_COVERAGE) break;
  }
  const coverage = covered / c.nonNullCount;
  const lower = lowerBound95(coverage, c.nonNullCount);
  const values = lits(top);
  if (!values || lower <= 0 || top.length === c.distinctCount) return [];
  const mostly = mostlyText(lower);
  return [
    {
      column: c.name,
      type: 'ACCEPTED_VALUES',
      ast: b.acceptedValues(c.name, values, mostly),
      rationale:
        `The ${top.length} most frequent values of ${c.name} cover ${pct(coverage)} of ` +
        `${count(c.nonNullCount)} non-null rows (${c.distinctCount} distinct values, ` +
        `${pct(singletonShare)} of them occurring once); the rule expects at least ${mostly}%, ` +
        `the lower end of the 95% confidence interval.`,
      baseConfidence: 0.6,
      evidence: c.nonNullCount,
      heuristic: 'deequ.fractional-categorical-range',
    },
  ];
}

/** Stable numeric range: the extremes of every version, with 10% of the range as slack. */
export interface RangeHistory {
  mins: number[];
  maxs: number[];
}

export function rangeRules(c: ColumnProfile, rows: number, past: RangeHistory | null): Draft[] {
  if (rows <= FLOORS.other || c.nonNullCount === 0) return [];
  if (c.type !== 'integer' && c.type !== 'decimal') return [];
  if (typeof c.min !== 'number' || typeof c.max !== 'number' || c.unreadableCount > 0) return [];
  const nonNegative = c.min >= 0;
  if (past && past.mins.length >= 2) {
    const mins = [...past.mins, c.min];
    const maxs = [...past.maxs, c.max];
    const lo = Math.min(...mins);
    const hi = Math.max(...maxs);
    const span = hi - lo;
    // Stable: every version's extremes lie within 20% of the overall span from the overall extremes.
    const stable =
      span > 0 && mins.every((m) => m - lo <= 0.2 * span) && maxs.every((m) => hi - m <= 0.2 * span);
    if (stable) {
      const slack = 0.1 * span;
      // Rounded outwards to a round step a fifth of the slack, so the bounds read well.
      let low = niceFloor(lo - slack, slack / 5);
      if (lo >= 0 && low < 0) low = 0;
      let high = niceCeil(hi + slack, slack / 5);
      if (c.type === 'integer') {
        low = Math.floor(low);
        high = Math.ceil(high);
      }
      return [
        {
          column: c.name,
          type: 'IN_RANGE',
          ast: b.inRange(c.name, b.num(low), b.num(high)),
          rationale:
            `Over the last ${mins.length} versions ${c.name} stayed between ${lo} and ${hi}; ` +
            `the range allows 10% slack on each side` +
            (lo >= 0 && low === 0 ? ' and never goes below zero.' : '.'),
          baseConfidence: 0.75,
          evidence: c.nonNullCount,
          heuristic: 'range.stable',
        },
      ];
    }
  }
  if (!nonNegative) return [];
  return [
    {
      column: c.name,
      type: 'IN_RANGE',
      ast: b.inRange(c.name, b.num(0), b.nul()),
      rationale:
        `The smallest of ${count(c.nonNullCount)} values of ${c.name} is ${c.min}: ` +
        `no value is negative, and every value reads as a number.`,
      baseConfidence: 0.85,
      evidence: c.nonNullCount,
      heuristic: 'deequ.non-negative',
    },
  ];
}

/** The pattern a MATCHES rule would use: the most specific dominant class (fixed length when it is). */
export function dominantPattern(c: ColumnProfile): PatternShare | null {
  const byName = new Map(c.patterns.map((p) => [p.name, p]));
  const order = [...(c.format ? [`format:${c.format}`] : []), ...PATTERN_CLASSES.map((p) => p.name)];
  for (const name of order) {
    const p = byName.get(name);
    if (!p || p.share < DOMINANT_PATTERN) continue;
    if (p.share === 1 && c.minLength !== null && c.minLength === c.maxLength) {
      const fixed = fixedLengthClass(p.name, c.minLength);
      if (fixed) return { ...p, name: fixed.name, regex: fixed.regex };
    }
    return p;
  }
  return null;
}

export function patternRules(c: ColumnProfile, rows: number, hasCategorical: boolean): Draft[] {
  if (rows <= FLOORS.other || c.nonNullCount === 0 || hasCategorical) return [];
  // Types already pin numbers and booleans down; a date column's detected format is worth a check.
  const formatted = (c.type === 'date' || c.type === 'timestamp') && c.format;
  if (c.type !== 'string' && !formatted) return [];
  const p = formatted
    ? { name: `format:${c.format}`, regex: formatRegex(c.format as string), count: c.nonNullCount, share: 1 }
    : dominantPattern(c);
  if (!p) return [];
  const mostly = p.share < 1 ? mostlyText(lowerBound95(p.share, c.nonNullCount)) : undefined;
  const what = describePattern(p.name);
  return [
    {
      column: c.name,
      type: 'MATCHES',
      ast: b.matches(c.name, p.regex, mostly),
      rationale:
        `${p.share === 1 ? 'All' : pct(p.share) + ' of'} ${count(c.nonNullCount)} non-null values of ` +
        `${c.name} are ${what}` +
        (mostly
          ? `; the rule expects at least ${mostly}%, the lower end of the 95% confidence interval.`
          : '.') +
        markerNote(c),
      baseConfidence: p.share === 1 ? 0.9 : 0.65,
      evidence: c.nonNullCount,
      heuristic: formatted ? 'pattern.date-format' : 'pattern.dominant',
    },
  ];
}

function describePattern(name: string): string {
  if (name.startsWith('format:')) return `dates written as ${name.slice('format:'.length)}`;
  const fixed = /^(digits|upper)(\d+)$/.exec(name);
  if (fixed) return `${fixed[2]}-character ${fixed[1] === 'digits' ? 'digit strings' : 'upper-case codes'}`;
  const words: Record<string, string> = {
    uuid: 'UUIDs',
    email: 'email addresses',
    url: 'URLs',
    isoTimestamp: 'ISO timestamps',
    isoDate: 'ISO dates',
    digits: 'digit strings',
    upper: 'upper-case codes',
  };
  return words[name] ?? `of the class ${name}`;
}

/** ROW_COUNT: not empty; with history, at least half of the smallest version seen. */
export function rowCountRules(p: DatasetProfile, history: DatasetProfile[]): Draft[] {
  if (p.rowCount <= 0) return [];
  const counts = history.map((h) => h.rowCount);
  if (counts.length >= 2) {
    const smallest = Math.min(p.rowCount, ...counts);
    const low = Math.floor(smallest / 2);
    if (low >= 1) {
      return [
        {
          column: null,
          type: 'ROW_COUNT',
          ast: b.rowCount(b.num(low), b.nul()),
          rationale:
            `The last ${counts.length + 1} versions had between ${count(smallest)} and ` +
            `${count(Math.max(p.rowCount, ...counts))} rows; a version with fewer than half the smallest ` +
            `(${count(low)}) is probably a broken load.`,
          baseConfidence: 0.8,
          evidence: counts.length + 1,
          heuristic: 'row-count.history',
        },
      ];
    }
  }
  return [
    {
      column: null,
      type: 'ROW_COUNT',
      ast: b.rowCount(b.num(1), b.nul()),
      rationale: `This version has ${count(p.rowCount)} rows; an empty version is the most common broken load.`,
      baseConfidence: 0.9,
      evidence: Math.max(p.rowCount, 100),
      heuristic: 'row-count.not-empty',
    },
  ];
}

const WINDOWS: { amount: number; unit: DurationUnit; ms: number }[] = [
  { amount: 1, unit: 'h', ms: 3_600_000 },
  { amount: 6, unit: 'h', ms: 6 * 3_600_000 },
  { amount: 1, unit: 'd', ms: 86_400_000 },
  { amount: 2, unit: 'd', ms: 2 * 86_400_000 },
  { amount: 7, unit: 'd', ms: 7 * 86_400_000 },
  { amount: 14, unit: 'd', ms: 14 * 86_400_000 },
  { amount: 30, unit: 'd', ms: 30 * 86_400_000 },
];

/**
 * FRESHNESS for a date/timestamp column whose newest value is recent (within a week of the profile),
 * with a window of at least twice the lag seen in this and earlier versions.
 */
export function freshnessRules(c: ColumnProfile, p: DatasetProfile, history: DatasetProfile[]): Draft[] {
  if (p.rowCount <= FLOORS.other || (c.type !== 'date' && c.type !== 'timestamp')) return [];
  const lag = lagMs(c, p);
  if (lag === null || lag < 0 || lag > 7 * 86_400_000) return [];
  const lags = [lag];
  for (const h of history) {
    const hc = h.columns.find((x) => x.name === c.name);
    const l = hc ? lagMs(hc, h) : null;
    if (l !== null && l >= 0) lags.push(l);
  }
  const worst = Math.max(...lags);
  // A date column's newest value is midnight: allow at least two days.
  const floor = c.type === 'date' ? 2 * 86_400_000 : 3_600_000;
  const w = WINDOWS.find((x) => x.ms >= Math.max(2 * worst, floor));
  if (!w) return [];
  const hours = (ms: number) => (ms / 3_600_000).toFixed(1);
  return [
    {
      column: c.name,
      type: 'FRESHNESS',
      ast: b.freshness(c.name, w.amount, w.unit),
      rationale:
        `The newest ${c.name} was ${hours(lag)} h old when profiled` +
        (lags.length > 1 ? ` (at most ${hours(worst)} h over ${lags.length} versions)` : '') +
        `; the window is twice that, rounded up to ${w.amount}${w.unit}.`,
      baseConfidence: lags.length > 2 ? 0.7 : 0.55,
      evidence: lags.length * 10,
      heuristic: 'freshness.recent',
    },
  ];
}

/** Age of a column's newest value at profile time, in ms; null when unknown. */
export function lagMs(c: ColumnProfile, p: DatasetProfile): number | null {
  if (typeof c.max !== 'string') return null;
  const t = Date.parse(c.type === 'date' ? `${c.max}T00:00:00Z` : c.max);
  const at = Date.parse(p.profiledAt);
  return Number.isFinite(t) && Number.isFinite(at) ? at - t : null;
}

/** Names that say "I identify something". */
export function keyLike(name: string): boolean {
  return (
    /(^|[_\s.-])(id|key|code|uuid|guid|no|nr|number)$/i.test(name) ||
    /[a-z](Id|ID|Key|Code|No)$/.test(name) ||
    /^(id|key|code|uuid|guid)$/i.test(name)
  );
}

function markerNote(c: ColumnProfile): string {
  if (c.nullMarkerCounts.length === 0) return '';
  const list = c.nullMarkerCounts.map((m) => `'${m.value}' (${count(m.count)}×)`).join(', ');
  return ` Note: ${list} look like null markers; once accepted as such they count as nulls.`;
}

export { sizeFactor };
