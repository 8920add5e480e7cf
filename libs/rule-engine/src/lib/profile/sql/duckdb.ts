/** DuckDB primitives of the profiler. */
import type { ColumnSchema, DataSource } from '../../model';
import { Params, type ProfileDialect } from './profile-dialect';

const WS = `' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)`;

export const duckdbProfileDialect: ProfileDialect = {
  name: 'duckdb',
  newParams: () => new Params(() => '?'),
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  from(source: DataSource, p: Params): string {
    if (source.kind === 'table') {
      return (source.schema ? `${this.ident(source.schema)}.` : '') + this.ident(source.table);
    }
    const opts = [`all_varchar = true`, `header = ${source.header === false ? 'false' : 'true'}`];
    if (source.delimiter) opts.push(`delim = ${p.add(source.delimiter)}`);
    if (source.quote) opts.push(`quote = ${p.add(source.quote)}`);
    if (source.escape) opts.push(`escape = ${p.add(source.escape)}`);
    if (source.encoding) opts.push(`encoding = ${p.add(source.encoding)}`);
    // The path is bound, never spliced (a file name is user input).
    const path = p.add(source.path);
    return `read_csv(${path}, ${opts.join(', ')})`;
  },
  cellText(column: string, schema: ColumnSchema): string {
    if ((schema.storage ?? 'text') === 'text') return `trim(CAST(${column} AS VARCHAR), ${WS})`;
    return schema.type === 'string' ? column : `CAST(${column} AS VARCHAR)`;
  },
  regex: (text, pattern, p) => `regexp_matches(${text}, ${p.add(pattern)})`,
  length: (text) => `length(${text})`,
  toDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  isoEpochMs: (text) =>
    `(CASE WHEN length(${text}) > 10 AND regexp_matches(${text}, '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') ` +
    `THEN epoch_ms(TRY_CAST(${text} AS TIMESTAMPTZ)) ELSE epoch_ms(TRY_CAST(${text} AS TIMESTAMP)) END)`,
  validDay: (y, m, d) =>
    `(${y} <> '0000' AND TRY_CAST(${y} || '-' || ${m} || '-' || ${d} AS DATE) IS NOT NULL)`,
  partsEpochMs: (t) =>
    `epoch_ms(make_timestamp(CAST(${t.year} AS BIGINT), CAST(${t.month} AS BIGINT), CAST(${t.day} AS BIGINT), ` +
    `CAST(${t.hour} AS BIGINT), CAST(${t.minute} AS BIGINT), CAST(${t.second} AS DOUBLE)))`,
  nativeEpochMs: (value) => `epoch_ms(CAST(${value} AS TIMESTAMP))`,
  substr: (text, start, length) => `substr(${text}, ${start}, ${length})`,
  shape: (text) => `regexp_replace(${text}, '[0-9]', '9', 'g')`,
  approxDistinct: (text) => `approx_count_distinct(${text})`,
  binaryText: (text) => text,
  num: (expr) => `CAST(${expr} AS DOUBLE)`,
  stddev: (expr) => `stddev_samp(${expr})`,
  lower: (text) => `lower(${text})`,
};
