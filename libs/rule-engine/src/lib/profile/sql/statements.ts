/**
 * The profiler's two statements, each one scan of the data:
 *
 * 1. `statsStatement`: one aggregate row — per column null counts, type evidence, lengths, numeric and
 *    time moments, pattern-class and null-marker counts, the value shape (for date formats) and an
 *    estimate of distinct values.
 * 2. `valuesStatement`: one hash aggregate of (column, value) pairs over an unpivot of the columns that
 *    need it (not too many distinct values, or a date format to check), giving exact distinct counts,
 *    singletons, top values and, per candidate format, how many values it reads and their time moments.
 */
import type { ColumnSchema, DatasetRef } from '../../model';
import { MAX_DATE_TEXT, NULL_MARKER_CANDIDATES, PATTERN_CLASSES } from '../patterns';
import type { Params, ProfileDialect } from './profile-dialect';
import { Readers, when } from './readers';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A column as the statements see it. */
export interface ColumnPlan {
  index: number;
  schema: ColumnSchema;
  /** Text columns (text storage, or native text) get type evidence, patterns and markers. */
  textual: boolean;
  /** Native non-text columns: the kind of moments their values give. */
  nativeKind: 'number' | 'time' | 'other' | null;
}

export function planColumns(dataset: DatasetRef): ColumnPlan[] {
  return dataset.schema.columns.map((schema, index) => {
    const native = (schema.storage ?? 'text') === 'native';
    const textual = !native || schema.type === 'string';
    let nativeKind: ColumnPlan['nativeKind'] = null;
    if (native && !textual) {
      nativeKind =
        schema.type === 'integer' || schema.type === 'decimal'
          ? 'number'
          : schema.type === 'date' || schema.type === 'timestamp'
            ? 'time'
            : 'other';
    }
    return { index, schema, textual, nativeKind };
  });
}

/**
 * Rows of the dataset with one value column `v<i>` per column: the cell text with nulls applied (SQL NULL,
 * empty text, or a null marker), and `r<i>`, the raw native value of native non-text columns.
 */
export function valuesSource(d: ProfileDialect, dataset: DatasetRef, cols: ColumnPlan[], p: Params): string {
  const from = d.from(dataset.source, p);
  const inner = cols
    .map((c) => {
      const ref = d.ident(c.schema.name);
      const parts = [`${d.cellText(ref, c.schema)} AS x${c.index}`];
      if (c.nativeKind) parts.push(`${ref} AS r${c.index}`);
      return parts.join(', ');
    })
    .join(', ');
  const markers = dataset.schema.nullMarkers;
  const outer = cols
    .map((c) => {
      const x = `x${c.index}`;
      const conds: string[] = [];
      if ((c.schema.storage ?? 'text') === 'text') conds.push(`${x} = ''`);
      if (c.textual && markers.length > 0) {
        conds.push(`${d.binaryText(x)} IN (${markers.map((m) => d.binaryText(p.add(m))).join(', ')})`);
      }
      const v = conds.length ? `CASE WHEN ${conds.join(' OR ')} THEN NULL ELSE ${x} END` : x;
      return `${v} AS v${c.index}` + (c.nativeKind ? `, r${c.index}` : '');
    })
    .join(', ');
  return `SELECT ${outer} FROM (SELECT ${inner} FROM ${from}) s0`;
}

export function statsStatement(
  d: ProfileDialect,
  dataset: DatasetRef,
  cols: ColumnPlan[],
  markerCandidates: readonly string[] = NULL_MARKER_CANDIDATES,
): Statement {
  const p = d.newParams();
  const r = new Readers(d, p);
  const source = valuesSource(d, dataset, cols, p);
  // Per-row derived values, computed once: flags for type evidence, the number and the time.
  const derived: string[] = [];
  const aggs: string[] = [`${d.num('count(*)')} AS row_count`];
  const sum = (e: string) => d.num(`sum(${e})`);
  for (const c of cols) {
    const i = c.index;
    const v = `v${i}`;
    derived.push(v);
    aggs.push(`${d.num(`count(${v})`)} AS c${i}_nn`);
    if (c.nativeKind) {
      derived.push(`r${i}`);
      if (c.nativeKind === 'number') derived.push(`${d.num(`r${i}`)} AS n${i}`);
      if (c.nativeKind === 'time') derived.push(`${d.nativeEpochMs(`r${i}`)} AS t${i}`);
    }
    if (c.textual) {
      derived.push(`${when(r.integer(v), '1', '0')} AS fi${i}`);
      derived.push(`${when(r.decimal(v), '1', '0')} AS fd${i}`);
      derived.push(`${when(r.leadingZero(v), '1', '0')} AS fz${i}`);
      derived.push(`${when(r.boolean(v, p), '1', '0')} AS fb${i}`);
      derived.push(`${when(r.isoDate(v), '1', '0')} AS fa${i}`);
      derived.push(`${when(r.decimal(v), d.toDouble(v))} AS n${i}`);
      derived.push(`${when(r.isoTimestamp(v), d.isoEpochMs(v))} AS t${i}`);
      for (const [k, name] of ['fi', 'fd', 'fz', 'fb', 'fa'].entries()) {
        aggs.push(`${sum(`${name}${i}`)} AS c${i}_${['int', 'dec', 'lz', 'bool', 'date'][k]}`);
      }
      aggs.push(`${d.num(`count(t${i})`)} AS c${i}_ts`);
      aggs.push(`${d.num(`min(${d.length(v)})`)} AS c${i}_minlen`);
      aggs.push(`${d.num(`max(${d.length(v)})`)} AS c${i}_maxlen`);
      const shape = `CASE WHEN ${d.length(v)} <= ${MAX_DATE_TEXT} THEN ${d.shape(v)} ELSE '~' END`;
      aggs.push(`min(${d.binaryText(shape)}) AS c${i}_shmin`);
      aggs.push(`max(${d.binaryText(shape)}) AS c${i}_shmax`);
      PATTERN_CLASSES.forEach((cls, k) => {
        aggs.push(`${sum(`CASE WHEN ${d.regex(v, cls.regex, p)} THEN 1 ELSE 0 END`)} AS c${i}_p${k}`);
      });
      markerCandidates.forEach((m, k) => {
        aggs.push(
          `${sum(`CASE WHEN ${d.binaryText(v)} = ${d.binaryText(p.add(m))} THEN 1 ELSE 0 END`)} AS c${i}_m${k}`,
        );
      });
    }
    if (c.textual || c.nativeKind === 'number') aggs.push(...moments(d, `n${i}`, `c${i}_n`));
    if (c.textual || c.nativeKind === 'time') aggs.push(...moments(d, `t${i}`, `c${i}_t`));
    const approx = d.approxDistinct(v, p);
    aggs.push(`${d.num(approx ?? `count(DISTINCT ${d.binaryText(v)})`)} AS c${i}_dist`);
  }
  return p.finish(`SELECT ${aggs.join(', ')} FROM (SELECT ${derived.join(', ')} FROM (${source}) s1) s2`);
}

function moments(d: ProfileDialect, x: string, alias: string): string[] {
  const sd = d.stddev(x);
  return [
    `${d.num(`count(${x})`)} AS ${alias}cnt`,
    `${d.num(`min(${x})`)} AS ${alias}min`,
    `${d.num(`max(${x})`)} AS ${alias}max`,
    `${d.num(`avg(${x})`)} AS ${alias}avg`,
    sd ? `${d.num(sd)} AS ${alias}sd` : `${d.num(`sum(${x} * ${x})`)} AS ${alias}sq`,
  ];
}

/** What the values statement does for one column. */
export interface ValuesPlan {
  column: ColumnPlan;
  /** Candidate formats whose readability and time moments to compute. */
  formats: string[];
}

export function valuesStatement(
  d: ProfileDialect,
  dataset: DatasetRef,
  cols: ColumnPlan[],
  plans: ValuesPlan[],
  topN: number,
): Statement {
  const p = d.newParams();
  const r = new Readers(d, p);
  const source = valuesSource(d, dataset, cols, p);
  const keys = plans.map((x) => `SELECT ${x.column.index} AS i`).join(' UNION ALL ');
  const pick = `CASE k.i ${plans.map((x) => `WHEN ${x.column.index} THEN s.v${x.column.index}`).join(' ')} END`;
  const grouped = `SELECT k.i AS col, ${d.binaryText(pick)} AS v, count(*) AS n FROM (${source}) s CROSS JOIN (${keys}) k GROUP BY k.i, ${d.binaryText(pick)}`;
  // Epoch of each candidate format, per distinct value (NULL when that format doesn't read it).
  const epochs: string[] = [];
  const windows: string[] = [];
  const part = 'OVER (PARTITION BY col)';
  plans.forEach((x) => {
    x.formats.forEach((f, m) => {
      const e = `e${x.column.index}_${m}`;
      epochs.push(
        `${when([`col = ${x.column.index}`, ...r.format('v', f)], r.formatEpochMs('v', f))} AS ${e}`,
      );
      const a = `f${x.column.index}_${m}_`;
      windows.push(`${d.num(`sum(CASE WHEN ${e} IS NOT NULL THEN n ELSE 0 END) ${part}`)} AS ${a}ok`);
      windows.push(`${d.num(`min(${e}) ${part}`)} AS ${a}min`);
      windows.push(`${d.num(`max(${e}) ${part}`)} AS ${a}max`);
      // Weighted sums in seconds keep the squares within double precision.
      windows.push(`${d.num(`sum(n * (${e} / 1000.0)) ${part}`)} AS ${a}s1`);
      windows.push(`${d.num(`sum(n * (${e} / 1000.0) * (${e} / 1000.0)) ${part}`)} AS ${a}s2`);
    });
  });
  const withEpochs = `SELECT col, v, n${epochs.length ? ', ' + epochs.join(', ') : ''} FROM (${grouped}) g WHERE v IS NOT NULL`;
  const ranked =
    `SELECT col, v, ${d.num('n')} AS n, ${d.num(`count(*) ${part}`)} AS dn, ` +
    `${d.num(`sum(CASE WHEN n = 1 THEN 1 ELSE 0 END) ${part}`)} AS sg, ` +
    (windows.length ? windows.join(', ') + ', ' : '') +
    `row_number() OVER (PARTITION BY col ORDER BY n DESC, v) AS rn FROM (${withEpochs}) e`;
  return p.finish(
    `SELECT * FROM (${ranked}) w WHERE rn <= ${Math.max(1, Math.floor(topN))} ORDER BY col, rn`,
  );
}
