/**
 * Where a dataset's rows come from in SQL, and the layered read of its columns (reading.ts) that every
 * statement of a run starts from. Aliases are the library's own (`x3`, `v3`, `r3`, `rn`), so a column
 * named like one of them — or like anything else — can't collide with them.
 */
import type { DataSource, DatasetRef } from '../model';
import { readCsvSql } from './csv';
import type { Dialect } from './dialects/dialect';
import type { SqlParams } from './params';
import { cellSql, readsAsText, textOfView, timestampHelperSql, valueSql, viewSql } from './reading';

/** The FROM item of a source: `read_csv(…)` (DuckDB) or a quoted table name. */
export function sourceSql(d: Dialect, p: SqlParams, source: DataSource): string {
  if (source.kind === 'csv') {
    if (d.name !== 'duckdb') throw new Error(`CSV files are read by DuckDB, not ${d.name}`);
    return readCsvSql(p, source);
  }
  const table = d.quoteIdent(source.table);
  return source.schema ? `${d.quoteIdent(source.schema)}.${table}` : table;
}

export interface LayerRequest {
  /** Schema indexes of the columns whose view (`x<i>`) and value (`v<i>`) are needed. */
  typed: readonly number[];
  /** Schema indexes whose raw cell (`r<i>`, untrimmed, as stored) is needed. */
  raw?: readonly number[];
  /** Adds `rn`, the 1-based row number (NULL for a table without a row-number column). */
  rowNumber?: boolean;
  /**
   * Of the typed columns, the views and values the statement reads (all of them when absent): a
   * materialized read then holds nothing it doesn't need.
   */
  outputs?: { views: ReadonlySet<number>; values: ReadonlySet<number>; present?: ReadonlySet<number> };
}

/** SQL names of one column's layers inside the layered select. */
export const alias = {
  view: (i: number) => `x${i}`,
  value: (i: number) => `v${i}`,
  raw: (i: number) => `r${i}`,
  /** Whether the view is not NULL (a boolean; see compile.ts `present`). */
  present: (i: number) => `h${i}`,
  cell: (i: number) => `c${i}`,
  len: (i: number) => `n${i}`,
  zone: (i: number) => `z${i}`,
};

/**
 * `SELECT x…, v…, r…, rn FROM (… layer 2 …) FROM (… layer 1 …) FROM source`. Each layer is fenced
 * where the dialect would otherwise merge it into the next and evaluate its expressions again.
 */
export function layeredSelect(d: Dialect, p: SqlParams, ds: DatasetRef, req: LayerRequest): string {
  const cols = ds.schema.columns;
  const typed = [...new Set(req.typed)];
  const raw = [...new Set(req.raw ?? [])];
  const markers = ds.schema.nullMarkers ?? [];
  const name = (i: number) => d.quoteIdent(cols[i].name);

  const l1: string[] = [];
  const pass1: string[] = [];
  // A file's row number is computed last, over the typed layers: a filter on them then stays above the
  // window instead of being pushed down into the reading expressions (which DuckDB would evaluate again).
  const fileRowNumber = req.rowNumber && ds.source.kind === 'csv';
  if (req.rowNumber && !fileRowNumber) {
    const rn =
      ds.source.kind === 'table' && ds.source.rowNumberColumn
        ? d.quoteIdent(ds.source.rowNumberColumn)
        : 'NULL';
    l1.push(`${rn} AS rn`);
    pass1.push('rn');
  }
  for (const i of raw) {
    l1.push(`${name(i)} AS ${alias.raw(i)}`);
    pass1.push(alias.raw(i));
  }
  for (const i of typed) l1.push(`${cellSql(d, cols[i], name(i))} AS ${alias.cell(i)}`);

  const l2 = [...pass1];
  const isoTimestamp = (i: number) => cols[i].type === 'timestamp' && readsAsText(d, cols[i]);
  for (const i of typed) {
    l2.push(`${viewSql(d, p, cols[i], markers, alias.cell(i))} AS ${alias.view(i)}`);
    if (isoTimestamp(i)) {
      const h = timestampHelperSql(d, alias.cell(i));
      l2.push(`${h.len} AS ${alias.len(i)}`, `${h.zoneLength} AS ${alias.zone(i)}`);
    }
  }

  const l3 = fileRowNumber ? [`${d.rowNumber} AS rn`, ...pass1] : [...pass1];
  for (const i of typed) {
    if (!req.outputs || req.outputs.views.has(i)) l3.push(alias.view(i));
    // DuckDB only: other dialects never read it (and some have no boolean to hold it).
    if (d.name === 'duckdb' && (!req.outputs || req.outputs.present?.has(i))) {
      l3.push(`${alias.view(i)} IS NOT NULL AS ${alias.present(i)}`);
    }
    if (req.outputs && !req.outputs.values.has(i)) continue;
    const helpers = isoTimestamp(i) ? { len: alias.len(i), zoneLength: alias.zone(i) } : undefined;
    l3.push(`${valueSql(d, p, cols[i], alias.view(i), helpers)} AS ${alias.value(i)}`);
  }
  const from = sourceSql(d, p, ds.source);
  const list = (items: string[]) => (items.length ? items.join(', ') : '1 AS one');
  return `SELECT ${list(l3)} FROM (SELECT ${list(l2)} FROM (SELECT ${list(l1)} FROM ${from}${d.fence}) AS l1${d.fence}) AS l2`;
}

/** The text of a column inside the layered select (its view, or the view's text form for native values). */
export function textRef(d: Dialect, ds: DatasetRef, i: number, qualifier = ''): string {
  return textOfView(d, ds.schema.columns[i], `${qualifier}${alias.view(i)}`);
}
