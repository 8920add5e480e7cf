/**
 * The reading rules of SEMANTICS.md ("Reading a cell"), in TypeScript: the oracle the SQL back ends are
 * compared against, and what the in-memory back end evaluates with.
 *
 * A cell reads as `null`, as `UNREADABLE` (present, but not a value of the column's type), or as a typed
 * value: a number for integer/decimal, a string, a boolean, and for date/timestamp the UTC instant in
 * milliseconds (a date is its midnight UTC).
 */
import type { ColumnSchema, ColumnType } from '../model';
import { civilToMs, isValidDate } from './datetime';
import { trimCell } from './text';

export { trimCell } from './text';

export const UNREADABLE: unique symbol = Symbol('unreadable');
export type Unreadable = typeof UNREADABLE;

/** A typed value; dates and timestamps are milliseconds since the epoch (UTC). */
export type TypedValue = number | string | boolean;
export type CellValue = TypedValue | null | Unreadable;

/** The kinds of value the expression language compares: integer and decimal are both numbers. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'date' | 'timestamp';

export function kindOfColumnType(type: ColumnType): ValueKind {
  return type === 'integer' || type === 'decimal' ? 'number' : type;
}

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE]([+-]?)([0-9]+))?$/;
const MAX_NUMBER_TEXT = 200;
const MAX_EXPONENT = 100;

/** A number in plain decimal form (integer form only when `integerOnly`), or undefined. */
export function readNumber(text: string, integerOnly = false): number | undefined {
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  if (integerOnly) {
    if (!INTEGER.test(text)) return undefined;
  } else {
    const m = DECIMAL.exec(text);
    if (!m) return undefined;
    // Leading zeros of the exponent don't count: 1e0100 is 1e100.
    if (m[5] !== undefined && Number(m[5]) > MAX_EXPONENT) return undefined;
  }
  const value = Number(text);
  // -0 and 0 are one value (UNIQUE, comparisons, keys).
  return value === 0 ? 0 : value;
}

/** `true`/`false`, case-insensitive; nothing else. */
export function readBoolean(text: string): boolean | undefined {
  const lower = text.length === 4 || text.length === 5 ? text.toLowerCase() : '';
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const ISO_TIMESTAMP =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$/;

/** An ISO `YYYY-MM-DD` naming a real day (years 0001–9999), as the instant of its midnight UTC. */
export function readIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? civilToMs(y, mo, d) : undefined;
}

/** Minutes east of UTC for `Z`, `±HH:MM`, `±HHMM`, `±HH` (hours 00–23, minutes 00–59). */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const mi = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (h > 23 || mi > 59) return undefined;
  return sign * (h * 60 + mi);
}

function validTime(h: number, mi: number, s: number): boolean {
  return h <= 23 && mi <= 59 && s <= 59;
}

/** Milliseconds of a fraction written with 1–9 digits, truncated. */
function fractionMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
}

/**
 * An ISO timestamp: `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[.f{1,9}]]` and an
 * optional zone (which needs a time). No zone is UTC; a bare date is midnight UTC.
 */
export function readIsoTimestamp(text: string): number | undefined {
  const m = ISO_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidDate(y, mo, d)) return undefined;
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validTime(h, mi, s)) return undefined;
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  return civilToMs(y, mo, d, h, mi, s, fractionMs(m[7])) - offset * 60_000;
}

type FormatPart = { token: 'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss' } | { literal: string };

interface CompiledFormat {
  parts: FormatPart[];
  hasTime: boolean;
  length: number;
}

const FORMAT_TOKENS = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'] as const;
const formatCache = new Map<string, CompiledFormat | null>();

/**
 * Compiles a detected format (`YYYY/MM/DD HH:mm:ss`, `DD/MM/YYYY` …). Null when it isn't usable: it
 * must contain YYYY, MM and DD, each token at most once.
 */
export function compileFormat(format: string): CompiledFormat | null {
  const cached = formatCache.get(format);
  if (cached !== undefined) return cached;
  const parts: FormatPart[] = [];
  const seen = new Set<string>();
  let valid = true;
  let length = 0;
  for (let i = 0; i < format.length;) {
    const token = FORMAT_TOKENS.find((t) => format.startsWith(t, i));
    if (token) {
      if (seen.has(token)) valid = false;
      seen.add(token);
      parts.push({ token });
      i += token.length;
      length += token.length;
    } else {
      parts.push({ literal: format[i] });
      i++;
      length++;
    }
  }
  const compiled =
    valid && seen.has('YYYY') && seen.has('MM') && seen.has('DD')
      ? { parts, hasTime: seen.has('HH') || seen.has('mm') || seen.has('ss'), length }
      : null;
  formatCache.set(format, compiled);
  return compiled;
}

/** Reads `text` by a detected format, as a date (no time tokens allowed) or a timestamp (UTC). */
export function readWithFormat(text: string, format: string, kind: 'date' | 'timestamp'): number | undefined {
  const compiled = compileFormat(format);
  if (!compiled || text.length !== compiled.length) return undefined;
  if (kind === 'date' && compiled.hasTime) return undefined;
  const f: Record<string, number> = { YYYY: 0, MM: 0, DD: 0, HH: 0, mm: 0, ss: 0 };
  let i = 0;
  for (const part of compiled.parts) {
    if ('literal' in part) {
      if (text[i] !== part.literal) return undefined;
      i++;
      continue;
    }
    const n = part.token.length;
    let value = 0;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(i + k);
      if (c < 0x30 || c > 0x39) return undefined;
      value = value * 10 + (c - 0x30);
    }
    f[part.token] = value;
    i += n;
  }
  if (!isValidDate(f['YYYY'], f['MM'], f['DD']) || !validTime(f['HH'], f['mm'], f['ss'])) return undefined;
  return civilToMs(f['YYYY'], f['MM'], f['DD'], f['HH'], f['mm'], f['ss']);
}

/** The typed value of a non-null, trimmed text by column type; `UNREADABLE` when it doesn't fit. */
export function readTyped(text: string, type: ColumnType, format?: string | null): TypedValue | Unreadable {
  let value: TypedValue | undefined;
  switch (type) {
    case 'string':
      return text;
    case 'integer':
      value = readNumber(text, true);
      break;
    case 'decimal':
      value = readNumber(text, false);
      break;
    case 'boolean':
      value = readBoolean(text);
      break;
    case 'date':
      value = readIsoDate(text) ?? (format ? readWithFormat(text, format, 'date') : undefined);
      break;
    case 'timestamp':
      value = readIsoTimestamp(text) ?? (format ? readWithFormat(text, format, 'timestamp') : undefined);
      break;
  }
  return value === undefined ? UNREADABLE : value;
}

/**
 * The text a cell holds for the rules that work on text (MATCHES, and functions on text): the trimmed
 * text (native columns: the value as stored), or null when the cell is null. Unreadable cells have text.
 */
export function cellText(
  raw: string | null | undefined,
  column: ColumnSchema,
  nullMarkers: readonly string[],
): string | null {
  if (raw === null || raw === undefined) return null;
  if (column.storage === 'native') {
    if (column.type === 'string') return nullMarkers.includes(raw) ? null : raw;
    const trimmed = trimCell(raw);
    return trimmed === '' ? null : trimmed;
  }
  const trimmed = trimCell(raw);
  if (trimmed === '' || nullMarkers.includes(trimmed)) return null;
  return trimmed;
}

/** Rules 1–4: reads one cell of `column` (null, `UNREADABLE`, or its typed value). */
export function readCell(
  raw: string | null | undefined,
  column: ColumnSchema,
  nullMarkers: readonly string[],
): CellValue {
  const text = cellText(raw, column, nullMarkers);
  if (text === null) return null;
  return readTyped(text, column.type, column.format);
}
