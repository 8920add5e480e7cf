/**
 * Reading CSV files with DuckDB (SEMANTICS.md "Reading CSV files"). The documented rules:
 *
 * - Every cell arrives as text (`all_varchar`); the compiled SQL types it, so DuckDB's type guessing
 *   never changes a verdict. The path, delimiter, quote, escape and encoding are bound values (DuckDB
 *   1.5 accepts parameters there).
 * - The dialect is pinned: delimiter `,`, quote `"`, escape `"` unless the source says otherwise,
 *   header on, no skipped rows, no comment lines (`#1` is a value). Only the line ending is detected.
 * - Strict RFC 4180 parsing: a row with too few or too many fields, an unterminated quote or text after
 *   a closing quote, invalid UTF-8, or a change of line ending (CRLF and LF mixed) makes the run end in
 *   ERROR naming the line (DuckDB's message, or `diagnoseCsv` below when DuckDB names none). Nothing is
 *   skipped or padded silently.
 * - A UTF-8 byte-order mark is dropped. A record longer than DuckDB's `max_line_size` (2 MB by default)
 *   ends in ERROR naming its line. The reader's buffer sizes stay DuckDB's defaults: with a buffer close
 *   to the record limit (e.g. both 16 MB), DuckDB 1.5.6 refused a valid file with quoted commas at a
 *   buffer boundary, so they are not raised to admit bigger records.
 * - Header names as DuckDB derives them: surrounding spaces removed; an empty name becomes
 *   `column<i>` (i = 0-based position); a name repeating an earlier one (case-insensitively) gets
 *   `_<n>` appended (`a, a, A` → `a, a_1, A_2`). An empty file has the single column `column0` and no
 *   rows; a header without data rows has its columns and no rows.
 * - Row numbers are the 1-based order of data records in the file (a quoted newline doesn't start a
 *   record); DuckDB's line numbers in errors count physical lines, the header being line 1.
 */
import type { DataSource } from '../model';
import { standardLiteral } from './dialects/dialect';
import type { SqlParams } from './params';

/** Largest record DuckDB reads with its default `max_line_size`; longer ones are an error naming the line. */
export const MAX_CSV_RECORD_BYTES = 2_000_000;

type CsvSource = Extract<DataSource, { kind: 'csv' }>;

/**
 * What DuckDB's sniffer found in a file (its header names). A run sniffs once and reads with
 * `auto_detect = false` after that: sniffing costs a fixed ~40–80 ms per `read_csv`, which made up most
 * of a sample query that stops after its first rows. The line ending is left to the reader, which
 * takes LF or CRLF and still refuses a mix: DuckDB 1.5.6 given `new_line` explicitly returned no rows
 * at all for some valid files.
 */
export type CsvLayout = NonNullable<CsvSource['layout']>;

function csvOptions(p: SqlParams, source: CsvSource): string[] {
  return [
    'all_varchar = true',
    `header = ${source.header === false ? 'false' : 'true'}`,
    `delim = ${p.add(source.delimiter ?? ',')}`,
    `quote = ${p.add(source.quote ?? '"')}`,
    `escape = ${p.add(source.escape ?? source.quote ?? '"')}`,
    `encoding = ${p.add(source.encoding ?? 'utf-8')}`,
    'skip = 0',
    "comment = ''",
    'strict_mode = true',
    'null_padding = false',
    'ignore_errors = false',
  ];
}

const text = (p: SqlParams, v: string) => `CAST(${p.add(v)} AS VARCHAR)`;

/**
 * `read_csv(…)` for DuckDB with the rules above; every user-given value is bound, except the header
 * names of a known layout, which `columns` takes only as a constant (written as escaped literals).
 * `bufferBytes` sets DuckDB's read buffer (default 32 MB, which a scan holds about twice): a caller
 * that must stay small can lower it, and must read again with the default before blaming the file
 * (see the note on buffer sizes above).
 */
export function readCsvSql(p: SqlParams, source: CsvSource, bufferBytes?: number): string {
  const opts = csvOptions(p, source);
  if (bufferBytes !== undefined) {
    if (!Number.isInteger(bufferBytes) || bufferBytes < 2 * MAX_CSV_RECORD_BYTES) {
      throw new RangeError(`bufferBytes must be an integer of at least ${2 * MAX_CSV_RECORD_BYTES}`);
    }
    opts.push(`buffer_size = ${bufferBytes}`);
  }
  const layout = source.layout;
  if (layout && layout.columns.length && !layout.columns.some((c) => c.includes('\u0000'))) {
    const columns = layout.columns.map((c) => `${standardLiteral(c)}: 'VARCHAR'`).join(', ');
    opts.push('auto_detect = false', `columns = {${columns}}`);
  } else {
    opts.push('auto_detect = true');
  }
  return `read_csv(${text(p, source.path)}, ${opts.join(', ')})`;
}

/** DuckDB's sniff of a file read by the rules above: one row `{columns: [{name}]}`. */
export function csvSniffSql(p: SqlParams, source: CsvSource): string {
  const opts = [...csvOptions(p, source), 'auto_detect = true'];
  return `SELECT Columns AS columns FROM sniff_csv(${text(p, source.path)}, ${opts.join(', ')})`;
}

/** The layout from a `csvSniffSql` row. */
export function csvLayoutOf(row: Record<string, unknown> | undefined): CsvLayout | undefined {
  const columns = row?.['columns'];
  if (!Array.isArray(columns)) return undefined;
  const names = columns.map((c: unknown) => (c as { name?: unknown } | null)?.name);
  if (!names.every((n): n is string => typeof n === 'string')) return undefined;
  return { columns: names };
}

/** Column names of a CSV as DuckDB reads its header. */
export function csvColumnsSql(p: SqlParams, source: CsvSource): string {
  return `SELECT column_name AS name FROM (DESCRIBE SELECT * FROM ${readCsvSql(p, source)})`;
}

/** Size and, when small enough to scan here, content of a file (for naming the line of a parse error). */
export function csvContentSql(p: SqlParams, path: string, maxBytes: number): string {
  const f = `read_text(CAST(${p.add(path)} AS VARCHAR))`;
  return `SELECT size, CASE WHEN size <= ${maxBytes} THEN content END AS content FROM ${f}`;
}

export interface CsvProblem {
  /** 1-based physical line of the file (the header is line 1). */
  line: number;
  message: string;
}

/**
 * Finds the first line that breaks the strict CSV rules above, for errors where DuckDB names none
 * (its sniffer refusing the file, or a line-ending change). A plain RFC 4180 scan: it only locates the
 * problem; DuckDB remains the one parser whose reading counts.
 */
export function diagnoseCsv(
  content: string,
  options: { delimiter?: string; quote?: string; escape?: string; maxRecordBytes?: number } = {},
): CsvProblem | undefined {
  const delim = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const escape = options.escape ?? quote;
  let i = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let recordLine = 1;
  let fields = 1;
  let expected: number | undefined;
  let ending: '\n' | '\r\n' | undefined;
  let inQuotes = false;
  let afterQuote = false;
  let fieldStart = true;
  let recordStart = i;
  const maxBytes = options.maxRecordBytes;
  const endRecord = (): CsvProblem | undefined => {
    // Characters take 1–3 UTF-8 bytes here (4 for a surrogate pair, counted as 2 characters).
    if (maxBytes !== undefined && (i - recordStart) * 3 > maxBytes) {
      const bytes = new TextEncoder().encode(content.slice(recordStart, i)).length;
      if (bytes > maxBytes)
        return { line: recordLine, message: `a record of ${bytes} bytes, longer than ${maxBytes}` };
    }
    if (expected === undefined) expected = fields;
    else if (fields !== expected) {
      return { line: recordLine, message: `expected ${expected} fields, found ${fields}` };
    }
    fields = 1;
    return undefined;
  };
  while (i < content.length) {
    const ch = content[i];
    if (inQuotes) {
      if (ch === escape && content[i + 1] === quote) {
        i += 2;
        continue;
      }
      if (ch === quote) {
        inQuotes = false;
        afterQuote = true;
      } else if (ch === '\n') line++;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      const eol = ch === '\r' && content[i + 1] === '\n' ? '\r\n' : ch === '\n' ? '\n' : undefined;
      if (eol === undefined) return { line, message: 'a carriage return without a line feed' };
      if (ending === undefined) ending = eol;
      else if (ending !== eol) {
        const name = (e: string) => (e === '\n' ? 'LF' : 'CRLF');
        return { line, message: `this line ends with ${name(eol)}, earlier lines with ${name(ending)}` };
      }
      const problem = endRecord();
      if (problem) return problem;
      i += eol.length;
      line++;
      recordLine = line;
      recordStart = i;
      afterQuote = false;
      fieldStart = true;
      continue;
    }
    if (ch === delim) {
      fields++;
      afterQuote = false;
      fieldStart = true;
    } else if (afterQuote) {
      return { line, message: 'text after a closing quote' };
    } else if (ch === quote) {
      if (!fieldStart) return { line, message: 'a quote inside an unquoted value' };
      inQuotes = true;
      fieldStart = false;
    } else {
      fieldStart = false;
    }
    i++;
  }
  if (inQuotes) return { line: recordLine, message: 'a quoted value is never closed' };
  if (!fieldStart || fields > 1) {
    // The last record has no line ending.
    if (expected !== undefined && fields !== expected) {
      return { line: recordLine, message: `expected ${expected} fields, found ${fields}` };
    }
  }
  return undefined;
}

/** The line DuckDB's own message names (`CSV Error on Line: 12`), if any. */
export function duckdbErrorLine(message: string): number | undefined {
  const m = /CSV Error on Line: (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** The first sentence of DuckDB's reason, without its "possible fixes" advice. */
export function duckdbCsvReason(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !/^(Original Line|Possible|\*|file =|delimiter|quote|escape|new_line|header|skip_rows|comment|strict_mode|date_format|timestamp_format|null_padding|sample_size|ignore_errors|all_varchar|LINE \d)/i.test(
          l,
        ),
    );
  const reason =
    lines.find((l) => !/^(Invalid Input Error|CSV Error on Line)/.test(l)) ?? lines[0] ?? message;
  return reason.replace(/^Invalid Input Error:\s*/, '');
}
