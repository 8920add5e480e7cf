import type { EvidenceDto } from '@dqw/shared-types';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** One CSV cell: formula starts neutralised with a leading `'`, then RFC 4180 quoting. */
export function csvCell(v: unknown): string {
  let s = text(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The evidence as CSV: `row_number`, then every column of the dataset; CRLF line ends (RFC 4180). */
export function evidenceCsv(e: EvidenceDto): string {
  const header = ['row_number', ...e.columns];
  const lines = [header.map(csvCell).join(',')];
  for (const row of e.rows) {
    lines.push([row.rowNumber, ...e.columns.map((c) => row.values[c])].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
