/**
 * What the profiler looks for in values: pattern classes, null-marker candidates and non-ISO date
 * formats. Every regex here is plain enough (classes, anchors, counted repeats) to mean the same in RE2,
 * PostgreSQL, MariaDB/MySQL and JavaScript, so SQL and in-memory profiles agree.
 */

export interface PatternClass {
  name: string;
  regex: string;
}

/**
 * Named classes, most specific first (the recommender picks the first dominant one). Counting follows the
 * regex, except for three classes counted by the reading rules: `isoDate` (a real ISO day), `isoTimestamp`
 * (a readable ISO timestamp with a time) and `digits` (an integer without a sign, at most 200 digits).
 * Each regex accepts at least what its class counts, so a MATCHES rule with it passes where it came from.
 */
export const PATTERN_CLASSES: readonly PatternClass[] = [
  {
    name: 'uuid',
    regex: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  },
  {
    name: 'email',
    regex: '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$',
  },
  {
    name: 'url',
    regex: '^(https?|ftp)://[A-Za-z0-9.-]+(:[0-9]+)?(/[^ ]*)?$',
  },
  {
    name: 'isoTimestamp',
    regex:
      '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$',
  },
  { name: 'isoDate', regex: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  { name: 'digits', regex: '^[0-9]+$' },
  { name: 'upper', regex: '^[A-Z]+$' },
];

/** Classes that, at a fixed length, become a sharper pattern (`digits` of length 5 → `^[0-9]{5}$`). */
export const FIXED_LENGTH_CLASSES: Readonly<Record<string, string>> = {
  digits: '[0-9]',
  upper: '[A-Z]',
};

/** `digits` of length 5 → `{name: 'digits5', regex: '^[0-9]{5}$'}`; null when the class has no fixed form. */
export function fixedLengthClass(name: string, length: number): PatternClass | null {
  const cls = FIXED_LENGTH_CLASSES[name];
  return cls ? { name: `${name}${length}`, regex: `^${cls}{${length}}$` } : null;
}

/** Texts that data often uses for "no value". Looked for exactly (after trimming), case-sensitively. */
export const NULL_MARKER_CANDIDATES: readonly string[] = [
  'NULL',
  'null',
  'Null',
  '(null)',
  'N/A',
  'n/a',
  '#N/A',
  'NA',
  'na',
  'None',
  'none',
  'nan',
  'NaN',
  'nil',
  'undefined',
  '-',
  '--',
  '?',
];

/** A digit string whose integer part starts with a 0 (`00501`, `-007`): makes a column string (SEMANTICS.md). */
export const LEADING_ZERO_REGEX = '^[+-]?0[0-9]';

// ---------------------------------------------------------------------------------------------------
// Non-ISO date formats (SEMANTICS.md: tokens YYYY MM DD HH mm ss, each exactly that many digits).

const TOKEN_DIGITS: Readonly<Record<string, number>> = { YYYY: 4, MM: 2, DD: 2, HH: 2, mm: 2, ss: 2 };
const DATE_ORDERS = [
  ['YYYY', 'MM', 'DD'],
  ['DD', 'MM', 'YYYY'],
  ['MM', 'DD', 'YYYY'],
] as const;
const TIME_ORDERS = [[], ['HH', 'mm'], ['HH', 'mm', 'ss']] as const;
/** Characters allowed between tokens of a detected format. */
const SEPARATORS = new Set(['/', '-', '.', ' ', ':', 'T', ',', '_']);
/** Values longer than this are never dates: keeps the shape computation cheap and bounded. */
export const MAX_DATE_TEXT = 32;

/** The shape of a text: every ASCII digit replaced by `9` (`2015/01/31` → `9999/99/99`). */
export function shapeOf(text: string): string {
  return text.replace(/[0-9]/g, '9');
}

/** Whether a format reads timestamps (has a time part) or dates. */
export function formatType(format: string): 'date' | 'timestamp' {
  return /HH/.test(format) ? 'timestamp' : 'date';
}

/** The RE2 pattern that matches exactly the texts of a format's shape, e.g. `^[0-9]{4}/[0-9]{2}/[0-9]{2}$`. */
export function formatRegex(format: string): string {
  let out = '^';
  for (const part of splitFormat(format)) {
    out += part.token ? `[0-9]{${TOKEN_DIGITS[part.token]}}` : escapeRegex(part.literal);
  }
  return out + '$';
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits `YYYY/MM/DD` into tokens and literal characters. */
export function splitFormat(format: string): { token?: string; literal: string }[] {
  const parts: { token?: string; literal: string }[] = [];
  let i = 0;
  while (i < format.length) {
    const token = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'].find((t) => format.startsWith(t, i));
    if (token) {
      parts.push({ token, literal: token });
      i += token.length;
    } else {
      parts.push({ literal: format[i] });
      i += 1;
    }
  }
  return parts;
}

/**
 * The formats a shape could be written in, e.g. `99/99/9999` → `DD/MM/YYYY`, `MM/DD/YYYY`. ISO shapes
 * (read without a format) and shapes that aren't dates give none. Which one (if any) fits every value is
 * decided by reading the values.
 */
export function candidateFormats(shape: string): string[] {
  if (shape.length === 0 || shape.length > MAX_DATE_TEXT) return [];
  // Runs of digits and the literal text between them.
  const runs: number[] = [];
  const seps: string[] = [];
  let sep = '';
  let i = 0;
  while (i < shape.length) {
    if (shape[i] === '9') {
      let j = i;
      while (j < shape.length && shape[j] === '9') j++;
      if (runs.length === 0 && sep !== '') return [];
      seps.push(sep);
      runs.push(j - i);
      sep = '';
      i = j;
    } else {
      if (!SEPARATORS.has(shape[i])) return [];
      sep += shape[i];
      i++;
    }
  }
  if (sep !== '' || runs.length === 0) return [];
  const out: string[] = [];
  for (const date of DATE_ORDERS) {
    for (const time of TIME_ORDERS) {
      const tokens = [...date, ...time];
      if (tokens.length !== runs.length) continue;
      if (!tokens.every((t, k) => TOKEN_DIGITS[t] === runs[k])) continue;
      // Separators inside the date part must not be empty (`YYYYMMDD` is an integer, not a date here).
      if (seps.slice(1).some((s) => s === '')) continue;
      const format = tokens.map((t, k) => (k === 0 ? '' : seps[k]) + t).join('');
      if (!isIsoFormat(format)) out.push(format);
    }
  }
  return out;
}

/** Formats that ISO reading already covers, so they are not "detected" formats. */
function isIsoFormat(format: string): boolean {
  return /^YYYY-MM-DD([T ]HH:mm(:ss)?)?$/.test(format);
}
