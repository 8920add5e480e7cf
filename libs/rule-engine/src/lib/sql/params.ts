import type { Dialect } from './dialects/dialect';

/** Marks a parameter position inside SQL text until the statement is finished for its dialect. */
const MARK = '\u0000';
const MARKER_RE = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/** A finished statement: SQL text with the dialect's placeholders and the values to bind, in order. */
export interface BoundStatement {
  sql: string;
  params: unknown[];
}

/**
 * Collects bound values while SQL is built in any order. Fragments carry markers; `finish` turns them into
 * `$n` (DuckDB, PostgreSQL) or positional `?` (MySQL, SQLite, repeating a value used twice), so a
 * fragment can be reused in several places of a statement. Identifiers can't contain NUL (quoting
 * refuses it), so a marker can't be forged through a column name.
 */
export class SqlParams {
  private readonly values: unknown[] = [];

  /** Binds `value` and returns the marker that stands for it in SQL text. */
  add(value: unknown): string {
    this.values.push(value);
    return `${MARK}${this.values.length}${MARK}`;
  }

  finish(dialect: Dialect, sql: string): BoundStatement {
    const params: unknown[] = [];
    // Numbered dialects: renumber by first use (an unreferenced `$k` makes PostgreSQL fail to type it)
    // and reuse the number when a fragment repeats. Positional dialects: one `?` per use.
    const numberOf = new Map<number, number>();
    const text = sql.replace(MARKER_RE, (_m, n: string) => {
      const index = Number(n);
      if (!dialect.positionalParams) {
        let k = numberOf.get(index);
        if (k === undefined) {
          params.push(this.values[index - 1]);
          k = params.length;
          numberOf.set(index, k);
        }
        return dialect.placeholder(k);
      }
      params.push(this.values[index - 1]);
      return dialect.placeholder(params.length);
    });
    return { sql: text, params };
  }
}
