/**
 * The SQL primitives the profiler needs from a dialect. Every expression takes SQL text and returns SQL
 * text; values (patterns, markers, paths) go through `Params`, never into the SQL text.
 */
import type { ColumnSchema, DataSource, SqlDialect } from '../../model';

/**
 * Collects bound values. Fragments are built out of text order (a FROM clause before the SELECT list
 * that precedes it), so `add` hands out a marker and `finish` numbers the markers in the order they
 * appear in the final text, as positional `?` placeholders need.
 */
// A control character can't occur in the SQL the profiler writes, so it marks parameters safely.
// eslint-disable-next-line no-control-regex
const MARKER = new RegExp('\u0001(\\d+)\u0001', 'g');

export class Params {
  private readonly pending: unknown[] = [];
  constructor(private readonly placeholder: (index: number) => string) {}
  add(value: unknown): string {
    this.pending.push(value);
    return `\u0001${this.pending.length - 1}\u0001`;
  }
  finish(sql: string): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const out = sql.replace(MARKER, (_, k: string) => {
      params.push(this.pending[Number(k)]);
      return this.placeholder(params.length);
    });
    return { sql: out, params };
  }
}

export interface ProfileDialect {
  readonly name: SqlDialect;
  newParams(): Params;
  ident(name: string): string;
  /** The FROM item for a dataset's rows. */
  from(source: DataSource, p: Params): string;
  /**
   * The text of a cell as the rules read it: trimmed for `text` storage, as stored for native text, and
   * the value cast to text for other native columns. Null markers are applied by the caller.
   */
  cellText(column: string, schema: ColumnSchema): string;
  /** Boolean: RE2-style search of `pattern` (bound) in `text`. */
  regex(text: string, pattern: string, p: Params): string;
  /** Length in Unicode code points. */
  length(text: string): string;
  /** A number-form text (already checked) as a double. */
  toDouble(text: string): string;
  /** Epoch milliseconds (a double) of a text already checked to be a valid ISO date or timestamp. */
  isoEpochMs(text: string): string;
  /** Boolean: the 4-digit year, 2-digit month and 2-digit day texts name a real calendar day. */
  validDay(year: string, month: string, day: string): string;
  /** Epoch milliseconds (a double) from checked date/time part texts (`hour` etc. may be `'00'`). */
  partsEpochMs(parts: {
    year: string;
    month: string;
    day: string;
    hour: string;
    minute: string;
    second: string;
  }): string;
  /** Epoch milliseconds of a native date/timestamp column value. */
  nativeEpochMs(value: string): string;
  /** `substr` with 1-based start. */
  substr(text: string, start: number, length: number): string;
  /** Digits → `9`, for values of at most MAX_DATE_TEXT characters. */
  shape(text: string): string;
  /** An estimate of the number of distinct values, or null when the dialect has none (then exact). */
  approxDistinct(text: string, p: Params): string | null;
  /** An expression that groups and orders texts by their bytes (code points), not by a collation. */
  binaryText(text: string): string;
  /** Cast an aggregate to a double, so drivers hand back JS numbers. */
  num(expr: string): string;
  /** Sample standard deviation, or null when the dialect has none (computed from sums then). */
  stddev(expr: string): string | null;
  lower(text: string): string;
}
