/**
 * DuckDB (files, and DuckDB tables). The runner runs SQL with `$n` parameters and binds JS numbers as
 * DOUBLE (@duckdb/node-api infers BIGINT for an integral number and fails past int64, e.g. for 1e100);
 * nothing else. RE2 is DuckDB's own regex engine, so user patterns run inside it unchanged.
 * Callers cap memory and threads with `duckdbSessionSettings` (../duckdb-session.ts).
 */
import type { Dialect, ParamType } from './dialect';
import { quoteWith, standardLiteral, TRIM_CODE_POINTS } from './dialect';

const PARAM_TYPES: Record<ParamType, string> = { text: 'VARCHAR', double: 'DOUBLE', bigint: 'BIGINT' };
const TRIM_CHARS = TRIM_CODE_POINTS.map((c) => `chr(${c})`).join(' || ');

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  positionalParams: false,
  hasFilterClause: true,
  pushesDownRegex: 'always',
  quoteIdent: (name) => quoteWith('"', name),
  placeholder: (k) => `$${k}`,
  typed: (marker, type) => `CAST(${marker} AS ${PARAM_TYPES[type]})`,
  literal: standardLiteral,
  countIf: (c) => `COUNT(*) FILTER (WHERE ${c})`,
  maxIf: (c, v) => `MAX(${v}) FILTER (WHERE ${c})`,
  // trim() with a character set costs ~0.5 µs per value; most cells need none, which two byte tests show.
  trim: (t) =>
    `CASE WHEN ascii(${t}) > 32 AND ord(${t}[-1]) > 32 THEN ${t} ELSE trim(${t}, ${TRIM_CHARS}) END`,
  charLength: (t) => `length(${t})`,
  lower: (t) => `lower(${t})`,
  // DuckDB's upper() maps ß to ẞ, which Unicode's simple mapping doesn't: keep ß as it is.
  upper: (t) =>
    `CASE WHEN strpos(${t}, 'ß') > 0 THEN array_to_string(list_transform(string_split(${t}, ''), ` +
    `ch -> CASE WHEN ch = 'ß' THEN ch ELSE upper(ch) END), '') ELSE upper(${t}) END`,
  substr: (t, s, l) => `substr(${t}, ${s}, ${l})`,
  concat: (a, b) => `(${a} || ${b})`,
  textKey: (t) => t,
  castText: (v) => `CAST(${v} AS VARCHAR)`,
  toDouble: (t) => `CAST(${t} AS DOUBLE)`,
  toBigint: (t) => `CAST(${t} AS BIGINT)`,
  intDiv: (a, b) => `(${a} // ${b})`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  regexFull: (t, body) => `regexp_full_match(${t}, ${standardLiteral(body)})`,
  regexFullBound: (t, body, params) => `regexp_full_match(${t}, CAST(${params.add(body)} AS VARCHAR))`,
  regexSearch: (t, pattern, params) => `regexp_matches(${t}, CAST(${params.add(pattern)} AS VARCHAR))`,
  inTextSet: (t, marker) => `list_contains(from_json(CAST(${marker} AS VARCHAR), '["VARCHAR"]'), ${t})`,
  materializedCte: (name, body) => `${name} AS MATERIALIZED (${body})`,
  fence: '',
  rowNumber: 'row_number() OVER ()',
  orderedScans: true,
  nativeInstant: (c, type) =>
    type === 'date'
      ? `(CAST(${c} AS DATE) - DATE '1970-01-01') * CAST(86400000 AS BIGINT)`
      : `epoch_ms(${c})`,
  nativeBoolean: (c) => `CAST(${c} AS BOOLEAN)`,
};
