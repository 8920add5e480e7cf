/**
 * SEMANTICS.md "Reading a cell" in SQL: the same trim, null markers and typed values as the TypeScript
 * oracle (../semantics/values.ts), written with the dialect's primitives. A column is read in three
 * layers so each database computes every step once per row:
 *
 *   1. `cellSql`  — the cell as text: trimmed (text storage) or as stored (native);
 *   2. `viewSql`  — the text view: NULL when the cell is null (empty, a null marker, SQL NULL);
 *   3. `valueSql` — the typed value: a double for numbers, the UTC instant in milliseconds (BIGINT) for
 *                   dates and timestamps, a boolean, or the exact text key; NULL when null or unreadable.
 *
 * An unreadable cell is `view IS NOT NULL AND value IS NULL`.
 */
import type { ColumnSchema } from '../model';
import { compileFormat } from '../semantics/values';
import type { Dialect } from './dialects/dialect';
import type { SqlParams } from './params';

/** Longer texts are never numbers (SEMANTICS rule 3), and are not handed to the number pattern at all. */
const MAX_NUMBER_TEXT = 200;
const INTEGER_BODY = '[+-]?[0-9]+';
/** Exponent at most 100 (leading zeros allowed): every readable number is a finite, normal double. */
const DECIMAL_BODY = '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?0*([0-9]{1,2}|100))?';
const ISO_DATE_BODY = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const ISO_TIMESTAMP_BODY =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?';
const MS_PER_DAY = 86400000;

/** True when the column's cells are read by SEMANTICS' text rules in this dialect. */
export function readsAsText(d: Dialect, col: ColumnSchema): boolean {
  if (col.storage !== 'native') return true;
  // SQLite keeps dates as ISO text; they are read with the ISO rules (untrimmed, as stored).
  return d.name === 'sqlite' && (col.type === 'date' || col.type === 'timestamp');
}

/** Layer 1: the cell as text (trimmed) or, for native columns, as stored. */
export function cellSql(d: Dialect, col: ColumnSchema, raw: string): string {
  return col.storage === 'native' ? raw : d.trim(raw);
}

/** Layer 2: the text view, NULL when the cell is null. Markers are bound values, compared exactly. */
export function viewSql(
  d: Dialect,
  p: SqlParams,
  col: ColumnSchema,
  markers: readonly string[],
  cell: string,
): string {
  const native = col.storage === 'native';
  if (native && col.type !== 'string') {
    // Native non-text values are typed already; the view is their text form, for text functions.
    return readsAsText(d, col) ? `CASE WHEN ${cell} = '' THEN NULL ELSE ${cell} END` : cell;
  }
  const tests = [`${cell} IS NULL`];
  if (!native) tests.push(`${cell} = ''`);
  if (markers.length) {
    tests.push(
      `${d.textKey(cell)} IN (${markers.map((m) => d.textKey(d.typed(p.add(m), 'text'))).join(', ')})`,
    );
  }
  return `CASE WHEN ${tests.join(' OR ')} THEN NULL ELSE ${cell} END`;
}

/** The text form of the view for text functions and MATCHES (native numbers etc. cast to text). */
export function textOfView(d: Dialect, col: ColumnSchema, view: string): string {
  return col.storage === 'native' && col.type !== 'string' && !readsAsText(d, col) ? d.castText(view) : view;
}

/** Layer 3: the typed value of a view (NULL for null or unreadable). */
export function valueSql(
  d: Dialect,
  p: SqlParams,
  col: ColumnSchema,
  view: string,
  helpers?: TimestampHelpers,
): string {
  if (!readsAsText(d, col)) {
    switch (col.type) {
      case 'string':
        return d.textKey(view);
      case 'integer':
      case 'decimal':
        return d.toDouble(view);
      case 'boolean':
        return d.nativeBoolean(view);
      case 'date':
      case 'timestamp':
        return d.nativeInstant(view, col.type, col.nativeType);
    }
  }
  const v = view;
  switch (col.type) {
    case 'string':
      return d.textKey(v);
    case 'integer':
    case 'decimal': {
      const body = col.type === 'integer' ? INTEGER_BODY : DECIMAL_BODY;
      // Nested CASE: the cast runs only on texts the pattern accepted (some databases raise on bad casts).
      return (
        `CASE WHEN ${d.charLength(v)} <= ${MAX_NUMBER_TEXT} THEN CASE WHEN ${d.regexFull(v, body)} ` +
        `THEN ${d.toDouble(v)} + 0 END END`
      );
    }
    case 'boolean':
      return (
        `CASE WHEN ${d.regexFull(v, '[Tt][Rr][Uu][Ee]')} THEN ${d.bool(true)} ` +
        `WHEN ${d.regexFull(v, '[Ff][Aa][Ll][Ss][Ee]')} THEN ${d.bool(false)} END`
      );
    case 'date':
    case 'timestamp': {
      const iso =
        col.type === 'date'
          ? `WHEN ${d.regexFull(v, ISO_DATE_BODY)} THEN ${isoDateMs(d, v)}`
          : `WHEN ${d.regexFull(v, ISO_TIMESTAMP_BODY)} THEN ${isoTimestampMs(d, v, helpers)}`;
      const formatted = col.format ? formatBranch(d, p, col, v) : '';
      return `CASE WHEN ${v} IS NULL THEN NULL ${iso} ${formatted} END`;
    }
  }
}

const int = (d: Dialect, text: string): string => d.toBigint(text);

/** Civil date parts (BIGINT SQL) and the checks that they name a real day of years 0001–9999. */
interface Parts {
  y: string;
  m: string;
  day: string;
  h?: string;
  mi?: string;
  s?: string;
  ms?: string;
  /** Minutes east of UTC (signed) and the zone's hour and minute fields, for the range checks. */
  zone?: { minutes: string; h: string; mi: string };
}

function validity(parts: Parts): string {
  const { y, m, day } = parts;
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  const dim = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  const checks = [`${y} >= 1`, `${m} >= 1`, `${m} <= 12`, `${day} >= 1`, `${day} <= ${dim}`];
  if (parts.h) checks.push(`${parts.h} <= 23`);
  if (parts.mi) checks.push(`${parts.mi} <= 59`);
  if (parts.s) checks.push(`${parts.s} <= 59`);
  if (parts.zone) checks.push(`${parts.zone.h} <= 23`, `${parts.zone.mi} <= 59`);
  return checks.join(' AND ');
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil for years ≥ 1, all operands non-negative). */
function daysSql(d: Dialect, y: string, m: string, day: string): string {
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const mp = `((${m} + 9) % 12)`;
  return (
    `(365 * ${yy} + ${d.intDiv(yy, '4')} - ${d.intDiv(yy, '100')} + ${d.intDiv(yy, '400')} + ` +
    `${d.intDiv(`(153 * ${mp} + 2)`, '5')} + ${day} - 1 - 719468)`
  );
}

function instantSql(d: Dialect, parts: Parts): string {
  const terms = [`${daysSql(d, parts.y, parts.m, parts.day)} * ${MS_PER_DAY}`];
  if (parts.h) terms.push(`${parts.h} * 3600000`);
  if (parts.mi) terms.push(`${parts.mi} * 60000`);
  if (parts.s) terms.push(`${parts.s} * 1000`);
  if (parts.ms) terms.push(parts.ms);
  const local = terms.join(' + ');
  const utc = parts.zone ? `(${local}) - (${parts.zone.minutes}) * 60000` : local;
  // The nested CASE keeps the arithmetic away from texts that don't name a real day.
  return `CASE WHEN ${validity(parts)} THEN ${utc} END`;
}

function isoDateMs(d: Dialect, v: string): string {
  const s = (start: number, len: number) => int(d, d.substr(v, start, len));
  return instantSql(d, { y: s(1, 4), m: s(6, 2), day: s(9, 2) });
}

/**
 * An ISO timestamp whose shape the pattern already checked: fixed positions up to the minutes, then
 * the zone found from the end (`Z`, `±HH:MM`, `±HHMM`, `±HH`), seconds and fraction in between.
 */
/** Length and zone length of a timestamp text, computed one layer earlier (they are used many times). */
export interface TimestampHelpers {
  len: string;
  zoneLength: string;
}

/** SQL for the helpers of `text` (layer 2, from the trimmed cell). */
export function timestampHelperSql(d: Dialect, text: string): TimestampHelpers {
  const len = d.charLength(text);
  const at = (pos: string, n: number) => d.substr(text, pos, n);
  const isSign = (pos: string) => `${at(pos, 1)} IN ('+', '-')`;
  // A zone can only start after the minutes (position 17 or later); the pattern checks the rest.
  const zoneLength =
    `CASE WHEN ${len} <= 16 THEN 0 WHEN ${at(len, 1)} = 'Z' THEN 1 ` +
    `WHEN ${isSign(`${len} - 5`)} THEN 6 WHEN ${isSign(`${len} - 4`)} THEN 5 ` +
    `WHEN ${isSign(`${len} - 2`)} THEN 3 ELSE 0 END`;
  return { len, zoneLength };
}

function isoTimestampMs(d: Dialect, v: string, helpers?: TimestampHelpers): string {
  const h0 = helpers ?? timestampHelperSql(d, v);
  const len = h0.len;
  const zl = h0.zoneLength;
  const at = (pos: string | number, n: number) => d.substr(v, pos, n);
  const body = `(${len} - (${zl}))`;
  const zoneStart = `(${len} - (${zl}) + 1)`;
  const hasTime = `${len} > 10`;
  const h = `CASE WHEN ${hasTime} THEN ${int(d, at(12, 2))} ELSE 0 END`;
  const mi = `CASE WHEN ${hasTime} THEN ${int(d, at(15, 2))} ELSE 0 END`;
  const s = `CASE WHEN ${body} >= 19 THEN ${int(d, at(18, 2))} ELSE 0 END`;
  // Fraction: the first three digits, padded, i.e. truncated to milliseconds.
  const ms = `CASE WHEN ${body} >= 21 THEN ${int(d, d.substr(d.concat(d.substr(v, 21, `${body} - 20`), "'00'"), 1, 3))} ELSE 0 END`;
  const zh = `CASE WHEN (${zl}) >= 3 THEN ${int(d, at(`${zoneStart} + 1`, 2))} ELSE 0 END`;
  const zm = `CASE WHEN (${zl}) >= 5 THEN ${int(d, at(`${len} - 1`, 2))} ELSE 0 END`;
  const sign = `CASE WHEN ${at(zoneStart, 1)} = '-' THEN -1 ELSE 1 END`;
  const minutes = `CASE WHEN (${zl}) >= 3 THEN ${sign} * (${zh} * 60 + ${zm}) ELSE 0 END`;
  const parts: Parts = {
    y: int(d, at(1, 4)),
    m: int(d, at(6, 2)),
    day: int(d, at(9, 2)),
    h,
    mi,
    s,
    ms,
    zone: { minutes, h: zh, mi: zm },
  };
  return instantSql(d, parts);
}

/**
 * A format's literal character as a pattern that RE2, PostgreSQL and PCRE/ICU all read as that one
 * character: letters, digits and non-ASCII as is; `\ ] [ ^ -` escaped; other ASCII in brackets.
 */
function escapeFormatChar(ch: string): string {
  if (/^[A-Za-z0-9]$/.test(ch) || (ch.codePointAt(0) ?? 0) > 0x7f) return ch;
  if ('\\][^-'.includes(ch)) return `\\${ch}`;
  return `[${ch}]`;
}

/** The `WHEN … THEN …` branch reading a column's detected format (bound as a pattern; positions fixed). */
function formatBranch(d: Dialect, p: SqlParams, col: ColumnSchema, v: string): string {
  const format = col.format ?? '';
  const compiled = compileFormat(format);
  // As in the oracle, an unusable format (no YYYY/MM/DD, a repeated token, time in a date column) reads
  // nothing: only ISO texts are readable in that column.
  if (!compiled || (col.type === 'date' && compiled.hasTime)) return '';
  let pattern = '';
  let pos = 1;
  const fields: Record<string, string> = {};
  for (const part of compiled.parts) {
    if ('literal' in part) {
      pattern += escapeFormatChar(part.literal);
      pos += 1;
    } else {
      const n = part.token.length;
      pattern += `[0-9]{${n}}`;
      fields[part.token] = int(d, d.substr(v, pos, n));
      pos += n;
    }
  }
  const parts: Parts = { y: fields['YYYY'], m: fields['MM'], day: fields['DD'] };
  if (fields['HH']) parts.h = fields['HH'];
  if (fields['mm']) parts.mi = fields['mm'];
  if (fields['ss']) parts.s = fields['ss'];
  return `WHEN ${d.regexFullBound(v, pattern, p)} THEN ${instantSql(d, parts)}`;
}
