/**
 * Type inference from counts (SEMANTICS.md "Values and types"), shared by the SQL and in-memory
 * profilers so both decide the same way from the same evidence.
 */
import type { ColumnType } from '@dqw/shared-types';
import { formatType } from './patterns';

/** How many of a column's non-null values read as each type. */
export interface TypeEvidence {
  nonNull: number;
  integer: number;
  decimal: number;
  boolean: number;
  /** Readable as an ISO date (a real calendar day). */
  isoDate: number;
  /** Readable as an ISO timestamp (a bare ISO date counts: it is midnight UTC). */
  isoTimestamp: number;
  /** Digit strings whose integer part has a leading zero (`00501`): these keep a column a string. */
  leadingZero: number;
  /** Candidate non-ISO formats and how many values each reads. */
  formats: { format: string; readable: number }[];
}

export interface InferredType {
  type: ColumnType;
  format: string | null;
  formatCandidates: string[];
}

/**
 * The most specific type every non-null value reads as: integer, decimal, boolean, date, timestamp (ISO
 * or the one non-ISO format that fits all values), else string. A leading-zero digit string (a zip code)
 * keeps the column a string; a column with no values is a string.
 */
export function inferType(e: TypeEvidence): InferredType {
  const n = e.nonNull;
  const plain = (type: ColumnType): InferredType => ({ type, format: null, formatCandidates: [] });
  if (n === 0) return plain('string');
  if (e.leadingZero === 0 && e.integer === n) return plain('integer');
  if (e.leadingZero === 0 && e.decimal === n) return plain('decimal');
  if (e.boolean === n) return plain('boolean');
  if (e.isoDate === n) return plain('date');
  if (e.isoTimestamp === n) return plain('timestamp');
  const fitting = e.formats.filter((f) => f.readable === n).map((f) => f.format);
  if (fitting.length === 1) return { type: formatType(fitting[0]), format: fitting[0], formatCandidates: [] };
  return { type: 'string', format: null, formatCandidates: fitting };
}

/** How many values of the evidence read as `type` (with `format` for dates/timestamps). */
export function readableAs(e: TypeEvidence, type: ColumnType, format: string | null): number {
  if (format) return e.formats.find((f) => f.format === format)?.readable ?? 0;
  switch (type) {
    case 'integer':
      return e.integer;
    case 'decimal':
      return e.decimal;
    case 'boolean':
      return e.boolean;
    case 'date':
      return e.isoDate;
    case 'timestamp':
      return e.isoTimestamp;
    case 'string':
      return e.nonNull;
  }
}
