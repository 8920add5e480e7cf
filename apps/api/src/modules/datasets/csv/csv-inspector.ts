import type { CsvFormat, MalformedRow } from '@dqw/shared-types';
import {
  csvColumnsSql,
  duckdbDialect,
  MAX_CSV_RECORD_BYTES,
  readCsvSql,
  SqlParams,
  type DataSource,
  type SqlRunner,
} from '@dqw/rule-engine';
import { randomBytes } from 'node:crypto';
import { ServiceUnavailableError } from '../../../core/http/domain-errors';

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
        !/^(Original Line|Possible (fixes|Solution)|\*|The search space|Delimiter Candidates|Quote\/Escape|Comment Candidates|Encoding:|file =)/i.test(
          l,
        ),
    );
  const reason = (lines.slice(0, 2).join(' ') || msg)
    .replace(/^Invalid Input Error:\s*/, '')
    // Paths of pipes and temp files mean nothing to the user (and the temp name is not theirs).
    .replace(/"[^"]*(dqw-pipe|\/p-[0-9a-f]{24}|\/storage\/tmp\/)[^"]*"/g, 'the file');
  // A message may quote a whole row (up to 32 MiB).
  return reason.length > 300 ? `${reason.slice(0, 300)}…` : reason;
}

const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];

/** How often each candidate delimiter occurs in a line, outside quotes. */
function delimiterCounts(line: string, quote: string): Map<string, number> {
  const counts = new Map(DELIMITER_CANDIDATES.map((c) => [c, 0]));
  let inQuotes = false;
  for (const ch of line) {
    if (ch === quote) inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

async function sniffOnce(
  runner: SqlRunner,
  path: string,
  o: DialectOverrides,
  strict: boolean,
): Promise<Record<string, unknown> | undefined> {
  const p = new SqlParams();
  const args = [`CAST(${p.add(path)} AS VARCHAR)`];
  if (!strict) args.push('strict_mode = false');
  if (o.delimiter !== undefined) args.push(`delim = CAST(${p.add(o.delimiter)} AS VARCHAR)`);
  if (o.quote !== undefined) args.push(`quote = CAST(${p.add(o.quote)} AS VARCHAR)`);
  if (o.escape !== undefined) args.push(`escape = CAST(${p.add(o.escape)} AS VARCHAR)`);
  if (o.header !== undefined) args.push(`header = ${o.header ? 'true' : 'false'}`);
  const st = p.finish(
    duckdbDialect,
    `SELECT Delimiter AS d, Quote AS q, Escape AS e, HasHeader AS h, NewLineDelimiter AS n FROM sniff_csv(${args.join(', ')})`,
  );
  try {
    const [row] = await runner.query(st.sql, st.params);
    return row;
  } catch {
    // The strict read later reports what is wrong; the sniffer's own complaint is less precise.
    return undefined;
  }
}

/**
 * Reads a CSV's dialect with DuckDB's sniffer; the user's overrides are passed to it and always win. When
 * the strict sniffer gives up (a few malformed rows), the lenient one decides — checked against the first
 * line, since a ragged file can make "one column, no delimiter" look like the most consistent reading.
 */
export async function sniffDialect(
  runner: SqlRunner,
  path: string,
  o: DialectOverrides,
  firstLine?: string,
): Promise<SniffedDialect> {
  let row = (await sniffOnce(runner, path, o, true)) ?? (await sniffOnce(runner, path, o, false));
  const pick = (v: unknown, fallback: string) => {
    const s = text(v);
    return s === '' || s === '(empty)' ? fallback : s;
  };
  if (o.delimiter === undefined && firstLine !== undefined) {
    const quote = o.quote ?? pick(row?.['q'], DEFAULTS.quote);
    const counts = delimiterCounts(firstLine, quote);
    const chosen = pick(row?.['d'], DEFAULTS.delimiter);
    const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (n > 0 && !(counts.get(chosen) ?? 0)) {
      row = (await sniffOnce(runner, path, { ...o, delimiter: best }, false)) ?? { ...row, d: best };
    }
  }
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

/** DuckDB's read buffer while an upload is checked: 4 records of the longest kind read (2 MB). */
const CHECK_BUFFER_BYTES = 8_000_000;

export interface CsvReadResult {
  columns: string[];
  rowCount: number;
}

/**
 * Reads the whole file exactly as rule runs will (the rule engine's `read_csv`, strict) to count rows and
 * name columns. When that fails, a second, tolerant scan with DuckDB's reject log lists every malformed row
 * with its line; the result is a CsvReadProblem either way.
 */
export async function readWholeCsv(
  runner: SqlRunner,
  source: CsvSource,
  firstLine: string,
): Promise<CsvReadResult> {
  try {
    const p1 = new SqlParams();
    const cols = p1.finish(duckdbDialect, csvColumnsSql(p1, source));
    const columns = (await runner.query(cols.sql, cols.params)).map((r) => text(r['name']));
    const countRows = async (bufferBytes?: number) => {
      const p2 = new SqlParams();
      const count = p2.finish(
        duckdbDialect,
        `SELECT count(*) AS n FROM ${readCsvSql(p2, source, bufferBytes)}`,
      );
      const [row] = await runner.query(count.sql, count.params);
      return Number(row?.['n'] ?? 0);
    };
    // A smaller read buffer keeps the API's memory low while a large upload is checked (bench:datasets:
    // 32 MB buffers raised it by ~60 MiB more); a failure is checked again with DuckDB's default, so a
    // buffer-size quirk of DuckDB can't refuse a good file.
    const rowCount = await countRows(CHECK_BUFFER_BYTES).catch(() => countRows());
    return { columns, rowCount };
  } catch (e) {
    // Not the file's fault: say so, so the uploader retries instead of "fixing" a good file.
    if (/Out of Memory Error/i.test(e instanceof Error ? e.message : String(e))) {
      throw new ServiceUnavailableError(
        'The server ran short of memory while checking this file; nothing was stored. Try again in a minute',
      );
    }
    const rows = await listMalformed(runner, source, firstLine).catch(() => null);
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

/** Fields of a line (RFC 4180: delimiters inside quotes don't count). */
export function fieldCount(line: string, delimiter: string, quote: string): number {
  let n = 1;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === quote) inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) n++;
  }
  return n;
}

/**
 * Every row DuckDB rejects under the strict rules, with its physical line (header = line 1): a tolerant
 * scan with DuckDB's reject log, its width taken from the first line (the sniffer may refuse the file).
 */
async function listMalformed(
  runner: SqlRunner,
  source: CsvSource,
  firstLine: string,
): Promise<{ total: number; rows: MalformedRow[] }> {
  const width = fieldCount(firstLine, source.delimiter ?? ',', source.quote ?? '"');
  const suffix = randomBytes(6).toString('hex');
  const errors = `rej_errors_${suffix}`;
  const scans = `rej_scans_${suffix}`;
  const p = new SqlParams();
  const columns = `{${Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const st = p.finish(
    duckdbDialect,
    `SELECT count(*) AS n FROM read_csv(CAST(${p.add(source.path)} AS VARCHAR), auto_detect = false, columns = ${columns}, ` +
      `header = ${source.header === false ? 'false' : 'true'}, delim = CAST(${p.add(source.delimiter ?? ',')} AS VARCHAR), ` +
      `quote = CAST(${p.add(source.quote ?? '"')} AS VARCHAR), escape = CAST(${p.add(source.escape ?? source.quote ?? '"')} AS VARCHAR), ` +
      `strict_mode = true, null_padding = false, ignore_errors = true, store_rejects = true, ` +
      `rejects_table = '${errors}', rejects_scan = '${scans}')`,
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
  if (type === 'LINE SIZE OVER MAXIMUM')
    return `the row is longer than ${MAX_CSV_RECORD_BYTES / 1_000_000} MB, the largest row that is read`;
  return message || type.toLowerCase();
}
