/**
 * The table-driven form of conformance cases: a CSV text, its schema, rules in the DSL and what every
 * back end must answer. One group = one dataset; its rules run as one rule set per back end (so the
 * single-statement compilation is what is tested), and each rule's expectation is one case.
 */
import type { ColumnType } from '../../src/lib/model';

export type Verdict = 'PASSED' | 'FAILED' | 'ERROR';

export interface ColumnSpec {
  type: ColumnType;
  format?: string;
}

export interface DataSpec {
  /** Dataset name (FOREIGN_KEY targets); the main dataset defaults to `data`. */
  name?: string;
  /** The file, byte for byte. */
  csv: string;
  /** Column types by header name (as DuckDB normalizes it); unlisted columns are strings. */
  types?: Record<string, ColumnType | ColumnSpec>;
  nullMarkers?: string[];
  keyColumns?: string[];
}

/** `[rule, rowsChecked, failedCount, verdict, sample row numbers?]`, or an ERROR with a message pattern. */
export type CaseRow =
  | [rule: string, rowsChecked: number, failedCount: number, verdict: 'PASSED' | 'FAILED', samples?: number[]]
  | [rule: string, error: RegExp];

export interface CaseGroup {
  title: string;
  data: DataSpec;
  /** Other datasets the rules may reference. */
  refs?: DataSpec[];
  /** The run's start time (FRESHNESS, now()). */
  now?: string;
  sampleSize?: number;
  cases: CaseRow[];
}

export interface NormalizedResult {
  rowsChecked: number;
  failedCount: number;
  verdict: Verdict;
  samples: (number | null)[];
  error?: string;
}
