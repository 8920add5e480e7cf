/**
 * PostgreSQL. Needs nothing from its runner beyond running SQL with `$n` parameters (read-only sessions
 * are the caller's choice), in a UTF-8 database whose LC_CTYPE maps case for all of Unicode (C.UTF-8 or
 * a glibc locale; under plain C, lower()/upper() change ASCII letters only).
 *
 * Regular expressions: PostgreSQL's engine (Henry Spencer's) differs from RE2 in syntax and meaning
 * (`.` matches a newline, `\w` follows the locale, `{n,m}` stops at 255…), so user patterns are not
 * passed through. `re2ToPostgres` rewrites the pattern from its RE2 syntax tree into an equivalent
 * PostgreSQL pattern when every construct has an exact equivalent (see ../regex-postgres.ts); for a
 * yes/no match without backreferences PostgreSQL runs a DFA, so `(a+)+$` on a long string is linear.
 * Patterns it can't rewrite (Unicode properties, case folding beyond ASCII, word boundaries, line
 * mode) are evaluated client-side with RE2 over the distinct values (see ../regex-prepass.ts).
 */
import { re2ToPostgres } from '../regex-postgres';
import type { Dialect, ParamType } from './dialect';
import { quoteWith, standardLiteral, TRIM_CODE_POINTS } from './dialect';

const PARAM_TYPES: Record<ParamType, string> = { text: 'text', double: 'double precision', bigint: 'bigint' };
const TRIM_CHARS = TRIM_CODE_POINTS.map((c) => `chr(${c})`).join(' || ');

export const postgresDialect: Dialect = {
  name: 'postgres',
  positionalParams: false,
  hasFilterClause: true,
  pushesDownRegex: 'translatable',
  quoteIdent: (name) => quoteWith('"', name),
  placeholder: (k) => `$${k}`,
  typed: (marker, type) => `CAST(${marker} AS ${PARAM_TYPES[type]})`,
  literal: standardLiteral,
  countIf: (c) => `COUNT(*) FILTER (WHERE ${c})`,
  maxIf: (c, v) => `MAX(${v}) FILTER (WHERE ${c})`,
  trim: (t) => `btrim(${t}, ${TRIM_CHARS})`,
  charLength: (t) => `char_length(${t})`,
  // "default": the database's LC_CTYPE, not a column's own collation (under "C" only ASCII would change).
  lower: (t) => `lower(${t} COLLATE "default")`,
  upper: (t) => `upper(${t} COLLATE "default")`,
  substr: (t, s, l) => `substr(${t}, ${s}, ${l})`,
  concat: (a, b) => `(${a} || ${b})`,
  textKey: (t) => `(${t} COLLATE "C")`,
  castText: (v) => `CAST(${v} AS text)`,
  toDouble: (t) => `CAST(${t} AS double precision)`,
  toBigint: (t) => `CAST(${t} AS bigint)`,
  intDiv: (a, b) => `(${a} / ${b})`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  regexFull: (t, body) => `(${t} ~ ${standardLiteral(`^(?:${body})$`)})`,
  regexFullBound: (t, body, params) => `(${t} ~ CAST(${params.add(`^(?:${body})$`)} AS text))`,
  regexSearch: (t, pattern, params) => {
    const translated = re2ToPostgres(pattern);
    return translated === undefined ? undefined : `(${t} ~ CAST(${params.add(translated)} AS text))`;
  },
  inTextSet: (t, marker) =>
    `(${t} IN (SELECT jsonb_array_elements_text(CAST(CAST(${marker} AS text) AS jsonb)) COLLATE "C"))`,
  materializedCte: (name, body) => `${name} AS MATERIALIZED (${body})`,
  // Keeps PostgreSQL from pulling a layer's expressions up into its parent and computing them twice.
  fence: ' OFFSET 0',
  rowNumber: 'row_number() OVER ()',
  orderedScans: false,
  nativeInstant: (c, type) =>
    type === 'date'
      ? `(CAST(${c} AS date) - DATE '1970-01-01') * CAST(86400000 AS bigint)`
      : `CAST(floor(EXTRACT(EPOCH FROM ${c}) * 1000) AS bigint)`,
  nativeBoolean: (c) => `CAST(${c} AS boolean)`,
};
