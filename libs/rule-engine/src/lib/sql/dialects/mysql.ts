/**
 * MySQL 8 and MariaDB 10.6+. What the runner must do: bind `?` parameters (server-side prepared
 * statements), use a utf8mb4 connection, and set `time_zone = '+00:00'` for the session so native
 * TIMESTAMP columns read as UTC.
 *
 * Text: compared as `CAST(… AS BINARY)` — byte order of UTF-8 is code-point order, and binary strings
 * neither ignore case nor pad trailing spaces, which every utf8mb4 collation does one way or another.
 * Trimming uses REGEXP_SUBSTR with a pattern that can't backtrack more than once per character.
 *
 * Regular expressions: both engines (PCRE2 in MariaDB, ICU in MySQL) backtrack, so `(a+)+$` on a
 * long string takes exponential time or hits a limit that turns into an error. User patterns are never
 * pushed down: the distinct values a pattern is applied to are fetched and matched with RE2 in the
 * client, and the statement tests membership in the matching set (a JSON array bound as one value,
 * through JSON_TABLE). See ../regex-prepass.ts.
 */
import type { Dialect, ParamType } from './dialect';
import { quoteWith } from './dialect';

const PARAM_TYPES: Record<ParamType, (m: string) => string> = {
  text: (m) => `CONVERT(${m} USING utf8mb4)`,
  double: (m) => `CAST(${m} AS DOUBLE)`,
  bigint: (m) => `CAST(${m} AS SIGNED)`,
};
// Without NO_BACKSLASH_ESCAPES a backslash escapes inside literals, so it is doubled.
const literal = (constant: string): string => {
  if (constant.includes('\u0000')) throw new Error('NUL in a SQL literal');
  return `'${constant.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
};
const WS = ' \\t\\n\\r\\f\\x0b';
const TRIM_PATTERN = literal(`(?s)[^${WS}](.*[^${WS}])?`);

export const mysqlDialect: Dialect = {
  name: 'mysql',
  positionalParams: true,
  hasFilterClause: false,
  pushesDownRegex: 'never',
  quoteIdent: (name) => quoteWith('`', name),
  placeholder: () => '?',
  typed: (marker, type) => PARAM_TYPES[type](marker),
  literal,
  countIf: (c) => `COUNT(CASE WHEN ${c} THEN 1 END)`,
  maxIf: (c, v) => `MAX(CASE WHEN ${c} THEN ${v} END)`,
  trim: (t) => `REGEXP_SUBSTR(CONVERT(${t} USING utf8mb4), ${TRIM_PATTERN})`,
  charLength: (t) => `CHAR_LENGTH(${t})`,
  lower: (t) => `LOWER(CONVERT(${t} USING utf8mb4))`,
  upper: (t) => `UPPER(CONVERT(${t} USING utf8mb4))`,
  substr: (t, s, l) => `SUBSTRING(${t}, ${s}, ${l})`,
  concat: (a, b) => `CONCAT(${a}, ${b})`,
  textKey: (t) => `CAST(${t} AS BINARY)`,
  castText: (v) => `CAST(${v} AS CHAR CHARACTER SET utf8mb4)`,
  toDouble: (t) => `CAST(${t} AS DOUBLE)`,
  toBigint: (t) => `CAST(${t} AS SIGNED)`,
  intDiv: (a, b) => `(${a} DIV ${b})`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  // (?-i): REGEXP follows the collation's case rules otherwise; \z: PCRE's $ also matches before a final newline.
  regexFull: (t, body) => `(${t} REGEXP ${literal(`(?-i)^(?:${body})\\z`)})`,
  regexFullBound: (t, body, params) =>
    `(${t} REGEXP CONVERT(${params.add(`(?-i)^(?:${body})\\z`)} USING utf8mb4))`,
  regexSearch: () => undefined,
  inTextSet: (t, marker) =>
    `(${t} IN (SELECT CAST(j.v AS BINARY) FROM JSON_TABLE(CONVERT(${marker} USING utf8mb4), '$[*]' ` +
    `COLUMNS (v LONGTEXT PATH '$')) AS j))`,
  materializedCte: (name, body) => `${name} AS (${body})`,
  fence: '',
  rowNumber: 'row_number() OVER ()',
  orderedScans: false,
  nativeInstant: (c, type) =>
    type === 'date'
      ? `(CAST(TIMESTAMPDIFF(DAY, DATE '1970-01-01', ${c}) AS SIGNED) * 86400000)`
      : `CAST(FLOOR(TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '1970-01-01 00:00:00', ${c}) / 1000) AS SIGNED)`,
  nativeBoolean: (c) => `(${c} <> 0)`,
};
