/**
 * The profiler's statements, built on the shared dialect layer and reading rules (../../sql):
 *
 * 0. `sampleStatement`: the first rows (a bounded read, not a scan), whose value shapes name the date
 *    formats worth checking (a format reads only texts of one shape, so a column whose sample mixes
 *    shapes can't have one).
 * 1. `statsStatement`: one scan, one aggregate row — per column null counts, type evidence (how many
 *    values each reading rule accepts), lengths, numeric and time moments, candidate formats,
 *    pattern-class and null-marker counts, and an estimate of distinct values. Cheap tests (first
 *    character, `LIKE`, length) guard the regex-based readers, so most values skip most of them.
 * 2. `valuesStatement`: one scan, a hash aggregate of (column, value) pairs over an unpivot of the
 *    columns with few enough distinct values: exact distinct counts, singletons and top values.
 */
import type { ColumnSchema, ColumnType, DatasetRef } from '../../model';
import type { Dialect } from '../../sql/dialects';
import { SqlParams, type BoundStatement } from '../../sql/params';
import {
  cellSql,
  textOfView,
  timestampHelperSql,
  valueSql,
  viewSql,
  type TimestampHelpers,
} from '../../sql/reading';
import { sourceSql } from '../../sql/source';
import { formatType, NULL_MARKER_CANDIDATES, PATTERN_CLASSES, splitFormat } from '../patterns';
import { PROFILE_AGGREGATES } from './extras';

/** Rows the sample statement reads. */
export const SAMPLE_ROWS = 1000;

/** A column as the statements see it. */
export interface ColumnPlan {
  index: number;
  schema: ColumnSchema;
  /** Text columns (text storage, or native text) get type evidence, patterns and markers. */
  textual: boolean;
  /** Native non-text columns: the kind of moments their values give. */
  nativeKind: 'number' | 'time' | 'other' | null;
  /** Date formats to check (text storage only). */
  formats: string[];
}

export function planColumns(dataset: DatasetRef): ColumnPlan[] {
  return dataset.schema.columns.map((schema, index) => {
    const native = schema.storage === 'native';
    const textual = !native || schema.type === 'string';
    let nativeKind: ColumnPlan['nativeKind'] = null;
    if (!textual) {
      nativeKind =
        schema.type === 'integer' || schema.type === 'decimal'
          ? 'number'
          : schema.type === 'date' || schema.type === 'timestamp'
            ? 'time'
            : 'other';
    }
    return { index, schema, textual, nativeKind, formats: [] };
  });
}

/**
 * Keeps a layer from being merged into the next, so its expressions are computed once per row: the
 * dialect's fence, and for SQLite and MariaDB — whose flattening would copy the reader expressions
 * into every aggregate that uses them — a LIMIT/OFFSET that their flatteners don't merge across.
 */
function fenceOf(d: Dialect): string {
  if (d.name === 'sqlite') return ' LIMIT -1 OFFSET 0';
  if (d.name === 'mysql') return ' LIMIT 18446744073709551615';
  return d.fence;
}

/** `x<i>`: each column's view (NULL when the cell is null), read once per row in two fenced layers. */
function viewsSql(d: Dialect, p: SqlParams, ds: DatasetRef, cols: ColumnPlan[]): string {
  const from = sourceSql(d, p, ds.source);
  if (cols.length === 0) return `SELECT 1 AS one FROM ${from}`;
  const markers = ds.schema.nullMarkers ?? [];
  const l1 = cols.map((c) => `${cellSql(d, c.schema, d.quoteIdent(c.schema.name))} AS c${c.index}`);
  const l2 = cols.map((c) => `${viewSql(d, p, c.schema, markers, `c${c.index}`)} AS x${c.index}`);
  const fence = fenceOf(d);
  return `SELECT ${l2.join(', ')} FROM (SELECT ${l1.join(', ')} FROM ${from}${fence}) AS l1${fence}`;
}

/** The text of column `c` in a row of `viewsSql` (native values cast to text). */
function textOf(d: Dialect, c: ColumnPlan, q = ''): string {
  return textOfView(d, c.schema, `${q}x${c.index}`);
}

export function sampleStatement(d: Dialect, ds: DatasetRef, cols: ColumnPlan[]): BoundStatement {
  const p = new SqlParams();
  const text = cols.filter((c) => c.textual && c.schema.storage !== 'native');
  const list = text.length ? text.map((c) => `x${c.index}`).join(', ') : '1 AS one';
  return p.finish(d, `SELECT ${list} FROM (${viewsSql(d, p, ds, cols)}) AS s LIMIT ${SAMPLE_ROWS}`);
}

/** A text read by another type's rules (what the column would be if it had that type). */
function as(c: ColumnPlan, type: ColumnType, format: string | null = null): ColumnSchema {
  return { name: c.schema.name, type, format, storage: 'text' };
}

/** A class's pattern without its anchors, for `regexFull`. */
function classBody(name: string): string {
  const cls = PATTERN_CLASSES.find((c) => c.name === name);
  if (!cls) throw new Error(`no pattern class ${name}`);
  return cls.regex.replace(/^\^/, '').replace(/\$$/, '');
}

/** `CASE WHEN a THEN (CASE WHEN b THEN x END) END`: b and x only see rows where a holds. */
function when(conds: string[], then: string, otherwise = 'NULL'): string {
  let out = then;
  for (let i = conds.length - 1; i >= 0; i--) out = `CASE WHEN ${conds[i]} THEN ${out} ELSE ${otherwise} END`;
  return out;
}

export function statsStatement(d: Dialect, ds: DatasetRef, cols: ColumnPlan[]): BoundStatement {
  const p = new SqlParams();
  const extra = PROFILE_AGGREGATES[d.name];
  const num = (e: string) => d.toDouble(e);
  const first = (x: string) => d.textKey(d.substr(x, 1, 1));
  // ORs, not IN: DuckDB turns longer IN lists into joins, and a dozen joins cost seconds of planning.
  const numberish = (x: string) =>
    `(${first(x)} BETWEEN ${d.literal('0')} AND ${d.literal('9')} OR ${['+', '-', '.'].map((ch) => `${first(x)} = ${d.literal(ch)}`).join(' OR ')})`;
  const isoish = (x: string) => `${x} LIKE ${d.literal('____-__-__%')}`;
  const pre: string[] = [];
  const derived: string[] = [];
  const aggs: string[] = [`${num('count(*)')} AS row_count`];
  const sum = (e: string) => num(`sum(${e})`);
  for (const c of cols) {
    const i = c.index;
    const x = `x${i}`;
    pre.push(x);
    derived.push(x);
    aggs.push(`${num(`count(${x})`)} AS c${i}_nn`);
    if (c.nativeKind === 'number' || c.nativeKind === 'time') {
      derived.push(`${valueSql(d, p, c.schema, x)} AS ${c.nativeKind === 'number' ? 'n' : 't'}${i}`);
    }
    if (c.textual) {
      const read = (type: ColumnType, format: string | null = null, h?: TimestampHelpers) =>
        valueSql(d, p, as(c, type, format), x, h);
      // Length and zone length once per row (layer 3), for the readers in layer 4.
      pre.push(`${d.charLength(x)} AS l${i}`);
      const helpers = timestampHelperSql(d, x);
      pre.push(`${when([isoish(x)], helpers.zoneLength)} AS z${i}`);
      derived.push(`l${i}`);
      // Decimal readable, then the integer form among those (same length limit): one reader for both.
      derived.push(`${when([numberish(x)], read('decimal'))} AS n${i}`);
      derived.push(`${when([`l${i} IN (4, 5)`, `${read('boolean')} IS NOT NULL`], '1', '0')} AS fb${i}`);
      // A bare ISO date reads as a timestamp exactly when it is a real day: one reader for both.
      derived.push(
        `${when([isoish(x)], read('timestamp', null, { len: `l${i}`, zoneLength: `z${i}` }))} AS t${i}`,
      );
      c.formats.forEach((f, m) => {
        const width = splitFormat(f).reduce((n, part) => n + part.literal.length, 0);
        derived.push(`${when([`l${i} = ${width}`], read(formatType(f), f))} AS tf${i}_${m}`);
      });
      aggs.push(`${num(`count(n${i})`)} AS c${i}_dec`);
      // A number whose integer part has a leading zero (a zip code) keeps a column a string.
      aggs.push(`${sum(when([`n${i} IS NOT NULL`, d.regexFull(x, '[+-]?0[0-9].*')], '1', '0'))} AS c${i}_lz`);
      aggs.push(`${sum(`fb${i}`)} AS c${i}_bool`);
      aggs.push(`${num(`count(t${i})`)} AS c${i}_ts`);
      aggs.push(`${num(`min(l${i})`)} AS c${i}_minlen`);
      aggs.push(`${num(`max(l${i})`)} AS c${i}_maxlen`);
      // Pattern classes (see patterns.ts): the ISO classes and `digits` come from the readers above;
      // the others run their regex only behind a cheap test.
      const digit = `${first(x)} BETWEEN ${d.literal('0')} AND ${d.literal('9')}`;
      const classes: Record<string, string> = {
        uuid: when([`l${i} = 36`, d.regexFull(x, classBody('uuid'))], '1', '0'),
        email: when([`${x} LIKE ${d.literal('%@%')}`, d.regexFull(x, classBody('email'))], '1', '0'),
        url: when(
          [
            `(${x} LIKE ${d.literal('http%')} OR ${x} LIKE ${d.literal('ftp%')})`,
            d.regexFull(x, classBody('url')),
          ],
          '1',
          '0',
        ),
        isoTimestamp: when([`t${i} IS NOT NULL`, `l${i} > 10`], '1', '0'),
        isoDate: when([`t${i} IS NOT NULL`, `l${i} = 10`], '1', '0'),
        digits: when([`n${i} IS NOT NULL`, digit, d.regexFull(x, '[0-9]+')], '1', '0'),
        upper: when(
          [`${first(x)} BETWEEN ${d.literal('A')} AND ${d.literal('Z')}`, d.regexFull(x, classBody('upper'))],
          '1',
          '0',
        ),
      };
      PATTERN_CLASSES.forEach((cls, k) => aggs.push(`${sum(classes[cls.name])} AS c${i}_p${k}`));
      // Integer form: the unsigned ones are the digits class, so only signed ones need another regex.
      aggs.push(
        `${sum(when([`n${i} IS NOT NULL`, `${first(x)} IN (${d.literal('+')}, ${d.literal('-')})`, d.regexFull(x, '[+-][0-9]+')], '1', '0'))} AS c${i}_sint`,
      );
      c.formats.forEach((_f, m) => aggs.push(...moments(d, extra.stddev, `tf${i}_${m}`, `c${i}_f${m}_`)));
    }
    if (c.textual || c.nativeKind === 'number') aggs.push(...moments(d, extra.stddev, `n${i}`, `c${i}_n`));
    if (c.textual || c.nativeKind === 'time') aggs.push(...moments(d, extra.stddev, `t${i}`, `c${i}_t`));
    const text = textOf(d, c);
    const approx = extra.approxDistinct(d.textKey(text), text);
    aggs.push(`${num(approx ?? `count(DISTINCT ${d.textKey(text)})`)} AS c${i}_dist`);
  }
  const list = (items: string[]) => (items.length ? items.join(', ') : '1 AS one');
  const fence = fenceOf(d);
  const l3 = `SELECT ${list(pre)} FROM (${viewsSql(d, p, ds, cols)}) AS l2${fence}`;
  return p.finish(
    d,
    `SELECT ${aggs.join(', ')} FROM (SELECT ${list(derived)} FROM (${l3}) AS l3${fence}) AS l4`,
  );
}

function moments(d: Dialect, stddev: (x: string) => string | null, x: string, alias: string): string[] {
  const sd = stddev(x);
  return [
    `${d.toDouble(`count(${x})`)} AS ${alias}cnt`,
    `${d.toDouble(`min(${x})`)} AS ${alias}min`,
    `${d.toDouble(`max(${x})`)} AS ${alias}max`,
    `${d.toDouble(`avg(${x})`)} AS ${alias}avg`,
    sd
      ? `${d.toDouble(sd)} AS ${alias}sd`
      : `${d.toDouble(`sum(${d.toDouble(x)} * ${d.toDouble(x)})`)} AS ${alias}sq`,
  ];
}

/**
 * Columns in `grouped` contribute every value; the other text columns only their null-marker
 * candidates (everything else is NULL there), so marker counts come from this scan for every column
 * at the cost of one hash-table entry per marker found.
 */
export function valuesStatement(
  d: Dialect,
  ds: DatasetRef,
  cols: ColumnPlan[],
  grouped: ColumnPlan[],
  topN: number,
  markerCandidates: readonly string[] = NULL_MARKER_CANDIDATES,
): BoundStatement {
  const p = new SqlParams();
  const inGroup = new Set(grouped.map((c) => c.index));
  const markerOnly = markerCandidates.length ? cols.filter((c) => c.textual && !inGroup.has(c.index)) : [];
  const keyed = [...grouped, ...markerOnly];
  const marker = (m: string) => d.textKey(d.typed(p.add(m), 'text'));
  const longest = Math.max(0, ...markerCandidates.map((m) => m.length));
  const valueOf = (c: ColumnPlan) => {
    const t = textOf(d, c, 's.');
    if (inGroup.has(c.index)) return t;
    return when(
      [`${d.charLength(t)} <= ${longest}`],
      `CASE ${d.textKey(t)} ${markerCandidates.map((m) => `WHEN ${marker(m)} THEN ${t}`).join(' ')} END`,
    );
  };
  const keys = keyed.map((c) => `SELECT ${c.index} AS i`).join(' UNION ALL ');
  const pick = d.textKey(`CASE k.i ${keyed.map((c) => `WHEN ${c.index} THEN ${valueOf(c)}`).join(' ')} END`);
  // NULLs (nulls, and the non-marker values of marker-only columns) are dropped before the hash table.
  const unpivoted = `SELECT k.i AS col, ${pick} AS v FROM (${viewsSql(d, p, ds, cols)}) AS s CROSS JOIN (${keys}) AS k`;
  const counted = `SELECT col, v, count(*) AS n FROM (${unpivoted}) AS u WHERE v IS NOT NULL GROUP BY col, v`;
  const part = 'OVER (PARTITION BY col)';
  const isMarker = markerCandidates.length
    ? `CASE v ${markerCandidates.map((m) => `WHEN ${marker(m)} THEN 1`).join(' ')} ELSE 0 END`
    : '0';
  const ranked =
    `SELECT col, v, ${d.toDouble('n')} AS n, ${d.toDouble(`count(*) ${part}`)} AS dn, ` +
    `${d.toDouble(`sum(CASE WHEN n = 1 THEN 1 ELSE 0 END) ${part}`)} AS sg, ${isMarker} AS mk, ` +
    `row_number() OVER (PARTITION BY col ORDER BY n DESC, v) AS rn FROM (${counted}) AS g`;
  const top = Math.max(1, Math.floor(topN));
  return p.finish(d, `SELECT * FROM (${ranked}) AS w WHERE rn <= ${top} OR mk = 1 ORDER BY col, rn`);
}
