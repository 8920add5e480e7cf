/**
 * The SQL primitives every compiler of this library builds on (rule sets, profiles): quoting, bound
 * values, trimming, text keys, regular expressions and a few functions whose spelling differs. One
 * implementation per database lives next to this file and says what it needs from its `SqlRunner`.
 */
import type { SqlDialect } from '../../model';
import type { SqlParams } from '../params';

/** The SQL types a bound value is cast to, so no engine has to guess a parameter's type. */
export type ParamType = 'text' | 'double' | 'bigint';

export interface Dialect {
  readonly name: SqlDialect;
  /** `?` placeholders bound in order of appearance (MySQL, SQLite) rather than numbered `$n`. */
  readonly positionalParams: boolean;
  /** `COUNT(*) FILTER (WHERE …)` exists; otherwise `COUNT(CASE WHEN … THEN 1 END)` is used. */
  readonly hasFilterClause: boolean;
  /** User RE2 patterns can run inside the database (see `regexSearch`). */
  readonly pushesDownRegex: 'always' | 'translatable' | 'never';

  /** Quotes an identifier (column, table, schema). Throws on NUL, which no database accepts. */
  quoteIdent(name: string): string;
  /** The placeholder text for the k-th bound value (1-based). */
  placeholder(k: number): string;
  /** A bound value (a marker from `SqlParams.add`) cast to a definite SQL type. */
  typed(marker: string, type: ParamType): string;
  /** A string literal for constants the library itself writes (never user text). */
  literal(constant: string): string;

  countIf(condition: string): string;
  maxIf(condition: string, value: string): string;

  /** SEMANTICS rule 1: removes space, \t, \n, \r, \f, \v from both ends. */
  trim(text: string): string;
  /** Length in Unicode code points. */
  charLength(text: string): string;
  /** Unicode simple case mapping. */
  lower(text: string): string;
  upper(text: string): string;
  /** 1-based, in code points. */
  substr(text: string, start: string | number, length: string | number): string;
  concat(a: string, b: string): string;
  /** The form of a text that compares exactly and orders by code point, for `=`, `<`, `IN`, GROUP BY. */
  textKey(text: string): string;
  /** A text cast for showing a native value's text form (MATCHES and text functions on native columns). */
  castText(value: string): string;

  toDouble(text: string): string;
  toBigint(text: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** A boolean constant. */
  bool(value: boolean): string;

  /** Full match of `text` against an anchor-free constant pattern written by the library (digits, ISO shapes). */
  regexFull(text: string, body: string): string;
  /** Full match against a pattern body bound as a value (built from a user-supplied date format). */
  regexFullBound(text: string, body: string, params: SqlParams): string;
  /**
   * RE2 search with a user pattern, bound as a value; `undefined` when this database can't run that
   * pattern with RE2's meaning in linear time (the caller then evaluates it outside the database).
   */
  regexSearch(text: string, pattern: string, params: SqlParams): string | undefined;
  /**
   * `textKey(text)` is one of the texts bound as a JSON array (the client-side evaluation of a regex that
   * wasn't pushed down). Only dialects whose `pushesDownRegex` isn't 'always' need it.
   */
  inTextSet(text: string, jsonArrayMarker: string): string;

  /** A CTE definition that the database computes once even when referenced twice. */
  materializedCte(name: string, body: string): string;
  /** Appended to a subquery that must not be merged into its parent (so shared expressions run once). */
  readonly fence: string;
  /** 1-based row order of the source as a window expression (files); tables use a row-number column. */
  readonly rowNumber: string;
  /**
   * Rows of a file come out of a filter in file order, so `LIMIT n` keeps the first n and stops reading
   * (DuckDB with `preserve_insertion_order`, its default). Sample queries of files then stop early.
   */
  readonly orderedScans: boolean;

  /** Epoch milliseconds of a native date/timestamp column (timestamps without zone read as UTC). */
  nativeInstant(column: string, type: 'date' | 'timestamp', nativeType: string | undefined): string;
  /** A native boolean column as the dialect's boolean value. */
  nativeBoolean(column: string): string;
}

/** The white space of SEMANTICS rule 1, as code points. */
export const TRIM_CODE_POINTS = [32, 9, 10, 13, 12, 11] as const;

export function quoteWith(q: '"' | '`', name: string): string {
  if (name.includes('\u0000'))
    throw new Error(`Identifier contains a NUL character: ${JSON.stringify(name)}`);
  return q + name.split(q).join(q + q) + q;
}

/** Standard SQL string literal ('' doubles a quote); only for the library's own constants. */
export function standardLiteral(constant: string): string {
  if (constant.includes('\u0000')) throw new Error('NUL in a SQL literal');
  return `'${constant.split("'").join("''")}'`;
}
