import type { CsvFormat, MalformedRow } from '@dqw/shared-types';
import {
  csvColumnsSql,
  duckdbDialect,
  readCsvSql,
  SqlParams,
  type DataSource,
  type SqlRunner,
} from '@dqw/rule-engine';
import { randomBytes } from 'node:crypto';

type CsvSource = Extract<DataSource, { kind: 'csv' }>;
export type SniffedDialect = Pick<CsvFormat, 'delimiter' | 'quote' | 'escape' | 'header' | 'newline'>;
export type DialectOverrides = Partial<Pick<CsvFormat, 'delimiter' | 'quote' | 'escape' | 'header'>>;

export const MAX_REPORTED_MALFORMED = 100;

/** The file can't be read as CSV; `malformedRows` names the lines when DuckDB could locate them. */
export class CsvReadProblem extends Error {
  override readonly name = 'CsvReadProblem';
  constructor(
    message: string,
    readonly malformedRows: MalformedRow[] = [],
    readonly totalMalformed = malformedRows.length,
  ) {
    super(message);
  }
}

const DEFAULTS: SniffedDialect = { delimiter: ',', quote: '"', escape: '"', header: true, newline: 'lf' };

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);

function newlineOf(v: string): CsvFormat['newline'] {
  if (v === '\\r\\n' || v === '\r\n') return 'crlf';
  if (v === '\\r' || v === '\r') return 'cr';
  if (v === '\\n' || v === '\n') return 'lf';
  return 'none';
}

/** DuckDB's reason without its "possible fixes" advice, in one line. */
export function duckdbReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const lines = msg
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !/^(Possible fixes|\*|The search space|Delimiter Candidates|Quote\/Escape|Comment Candidates|Encoding:|file =)/i.test(
          l,
        ),
    );
  return (lines.slice(0, 2).join(' ') || msg)
    .replace(/^Invalid Input Error:\s*/, '')
    .replace(/"[^"]*dqw-pipe[^"]*"|"[^"]*\/p-[0-9a-f]{24}"/g, 'the file');
}

/**
 * Reads a CSV's dialect with DuckDB's sniffer (lenient, so a few bad rows don't hide the dialect); the
 * user's overrides are passed to it and always win.
 */
export async function sniffDialect(
  runner: SqlRunner,
  path: string,
  o: DialectOverrides,
): Promise<SniffedDialect> {
  const p = new SqlParams();
  const args = [`CAST(${p.add(path)} AS VARCHAR)`, 'strict_mode = false'];
  if (o.delimiter !== undefined) args.push(`delim = CAST(${p.add(o.delimiter)} AS VARCHAR)`);
  if (o.quote !== undefined) args.push(`quote = CAST(${p.add(o.quote)} AS VARCHAR)`);
  if (o.escape !== undefined) args.push(`escape = CAST(${p.add(o.escape)} AS VARCHAR)`);
  if (o.header !== undefined) args.push(`header = ${o.header ? 'true' : 'false'}`);
  const st = p.finish(
    duckdbDialect,
    `SELECT Delimiter AS d, Quote AS q, Escape AS e, HasHeader AS h, NewLineDelimiter AS n FROM sniff_csv(${args.join(', ')})`,
  );
  let row: Record<string, unknown> | undefined;
  try {
    [row] = await runner.query(st.sql, st.params);
  } catch {
    // The strict read below reports what is wrong; the sniffer's own complaint is less precise.
    row = undefined;
  }
  const pick = (v: unknown, fallback: string) => {
    const s = text(v);
    return s === '' || s === '(empty)' ? fallback : s;
  };
  const quote = o.quote ?? pick(row?.['q'], DEFAULTS.quote);
  return {
    delimiter: o.delimiter ?? pick(row?.['d'], DEFAULTS.delimiter),
    quote,
    // DuckDB reports no escape for RFC 4180 files; a doubled quote is the escape then.
    escape: o.escape ?? pick(row?.['e'], quote),
    header: o.header ?? (row ? row['h'] === true : DEFAULTS.header),
    newline: row ? newlineOf(text(row['n'])) : DEFAULTS.newline,
  };
}

export interface CsvReadResult {
  columns: string[];
  rowCount: number;
}

/**
 * Reads the whole file exactly as rule runs will (the rule engine's `read_csv`, strict) to count rows and
 * name columns. When that fails, a second, tolerant scan with DuckDB's reject log lists every malformed row
 * with its line; the result is a CsvReadProblem either way.
 */
export async function readWholeCsv(runner: SqlRunner, source: CsvSource): Promise<CsvReadResult> {
  try {
    const p1 = new SqlParams();
    const cols = p1.finish(duckdbDialect, csvColumnsSql(p1, source));
    const columns = (await runner.query(cols.sql, cols.params)).map((r) => text(r['name']));
    const p2 = new SqlParams();
    const count = p2.finish(duckdbDialect, `SELECT count(*) AS n FROM ${readCsvSql(p2, source)}`);
    const [row] = await runner.query(count.sql, count.params);
    return { columns, rowCount: Number(row?.['n'] ?? 0) };
  } catch (e) {
    const rows = await listMalformed(runner, source).catch(() => null);
    if (rows && rows.total > 0) {
      const first = rows.rows[0];
      throw new CsvReadProblem(
        `The file has ${rows.total} malformed row${rows.total === 1 ? '' : 's'} (the first at line ${first.line}: ${first.message}); fix ${rows.total === 1 ? 'it' : 'them'} or check the delimiter and quote`,
        rows.rows,
        rows.total,
      );
    }
    throw new CsvReadProblem(`The file can't be read as CSV: ${duckdbReason(e)}`);
  }
}

/** Every row DuckDB rejects under the strict rules, with its physical line (header = line 1). */
async function listMalformed(
  runner: SqlRunner,
  source: CsvSource,
): Promise<{ total: number; rows: MalformedRow[] }> {
  // Column names from the header as DuckDB reads it without strictness (the strict sniffer may refuse).
  const p0 = new SqlParams();
  const names = p0.finish(
    duckdbDialect,
    `SELECT Columns AS c FROM sniff_csv(CAST(${p0.add(source.path)} AS VARCHAR), strict_mode = false, ` +
      `delim = CAST(${p0.add(source.delimiter ?? ',')} AS VARCHAR), quote = CAST(${p0.add(source.quote ?? '"')} AS VARCHAR), ` +
      `escape = CAST(${p0.add(source.escape ?? source.quote ?? '"')} AS VARCHAR), header = ${source.header === false ? 'false' : 'true'})`,
  );
  const [sniff] = await runner.query(names.sql, names.params);
  const cols = (sniff?.['c'] as { name: string }[] | undefined) ?? [];
  if (!cols.length) return { total: 0, rows: [] };
  const suffix = randomBytes(6).toString('hex');
  const errors = `rej_errors_${suffix}`;
  const scans = `rej_scans_${suffix}`;
  const p = new SqlParams();
  const columns = `{${cols.map((c) => `'${c.name.replace(/'/g, "''")}': 'VARCHAR'`).join(', ')}}`;
  const st = p.finish(
    duckdbDialect,
    `SELECT count(*) AS n FROM read_csv(CAST(${p.add(source.path)} AS VARCHAR), auto_detect = false, columns = ${columns}, ` +
      `header = ${source.header === false ? 'false' : 'true'}, delim = CAST(${p.add(source.delimiter ?? ',')} AS VARCHAR), ` +
      `quote = CAST(${p.add(source.quote ?? '"')} AS VARCHAR), escape = CAST(${p.add(source.escape ?? source.quote ?? '"')} AS VARCHAR), ` +
      `strict_mode = true, null_padding = false, ignore_errors = true, store_rejects = true, ` +
      `rejects_table = '${errors}', rejects_scan = '${scans}', max_line_size = 33554432, buffer_size = 67108864)`,
  );
  await runner.query(st.sql, st.params);
  try {
    const [{ n }] = await runner.query<{ n: unknown }>(`SELECT count(DISTINCT line) AS n FROM ${errors}`, []);
    const rows = await runner.query<{ line: unknown; error_type: unknown; error_message: unknown }>(
      `SELECT line, min(error_type) AS error_type, min(error_message) AS error_message FROM ${errors} GROUP BY line ORDER BY line LIMIT ${MAX_REPORTED_MALFORMED}`,
      [],
    );
    return {
      total: Number(n),
      rows: rows.map((r) => ({
        line: Number(r.line),
        message: describeReject(text(r.error_type), text(r.error_message)),
      })),
    };
  } finally {
    await runner.query(`DROP TABLE IF EXISTS ${errors}`, []).catch(() => undefined);
    await runner.query(`DROP TABLE IF EXISTS ${scans}`, []).catch(() => undefined);
  }
}

function describeReject(type: string, message: string): string {
  const m = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (m) return `expected ${m[1]} fields, found ${m[2]}`;
  if (type === 'UNQUOTED VALUE') return 'a quoted value is not closed properly';
  if (type === 'INVALID ENCODING' || /unicode|utf-?8/i.test(message))
    return 'invalid characters for the encoding';
  if (type === 'LINE SIZE OVER MAXIMUM') return 'the row is longer than 32 MiB';
  return message || type.toLowerCase();
}
