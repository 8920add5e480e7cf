/**
 * SQLite 3.35+. It has no regular expressions and its lower()/upper() change ASCII letters only, so the
 * runner must register the user functions of `sqliteUserFunctions()` (../sqlite-functions.ts) on its
 * connection, deterministic: `dqw_regexp(pattern, text)` (RE2 search, 1/0, NULL for a NULL text),
 * `dqw_lower(text)` and `dqw_upper(text)`. Parameters are positional `?`.
 * Native DATE/TIMESTAMP columns hold ISO texts in SQLite (as its date functions do) and are read with
 * the ISO rules.
 */
import type { Dialect, ParamType } from './dialect';
import { quoteWith, standardLiteral, TRIM_CODE_POINTS } from './dialect';

const PARAM_TYPES: Record<ParamType, string> = { text: 'TEXT', double: 'REAL', bigint: 'INTEGER' };

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  positionalParams: true,
  hasFilterClause: true,
  pushesDownRegex: 'always',
  quoteIdent: (name) => quoteWith('"', name),
  placeholder: () => '?',
  typed: (marker, type) => `CAST(${marker} AS ${PARAM_TYPES[type]})`,
  literal: standardLiteral,
  countIf: (c) => `COUNT(*) FILTER (WHERE ${c})`,
  maxIf: (c, v) => `MAX(${v}) FILTER (WHERE ${c})`,
  trim: (t) => `trim(${t}, char(${TRIM_CODE_POINTS.join(', ')}))`,
  charLength: (t) => `length(${t})`,
  lower: (t) => `dqw_lower(${t})`,
  upper: (t) => `dqw_upper(${t})`,
  substr: (t, s, l) => `substr(${t}, ${s}, ${l})`,
  concat: (a, b) => `(${a} || ${b})`,
  textKey: (t) => `(${t} COLLATE BINARY)`,
  castText: (v) => `CAST(${v} AS TEXT)`,
  toDouble: (t) => `CAST(${t} AS REAL)`,
  toBigint: (t) => `CAST(${t} AS INTEGER)`,
  intDiv: (a, b) => `(${a} / ${b})`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  regexFull: (t, body) => `(dqw_regexp(${standardLiteral(`^(?:${body})$`)}, ${t}) = 1)`,
  regexFullBound: (t, body, params) => `(dqw_regexp(CAST(${params.add(`^(?:${body})$`)} AS TEXT), ${t}) = 1)`,
  regexSearch: (t, pattern, params) => `(dqw_regexp(CAST(${params.add(pattern)} AS TEXT), ${t}) = 1)`,
  inTextSet: (t, marker) => `(${t} IN (SELECT value FROM json_each(CAST(${marker} AS TEXT))))`,
  materializedCte: (name, body) => `${name} AS MATERIALIZED (${body})`,
  fence: '',
  rowNumber: 'row_number() OVER ()',
  orderedScans: false,
  nativeInstant: () => {
    throw new Error('SQLite native dates are read as ISO text');
  },
  nativeBoolean: (c) => `(${c} <> 0)`,
};
