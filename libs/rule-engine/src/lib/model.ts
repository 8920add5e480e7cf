/**
 * What the engine is handed and what it hands back. The library does no I/O of its own: data reaches it
 * through `SqlRunner` (run this SQL, give me rows) or as in-memory rows.
 */
import type { ColumnType } from '@dqw/shared-types';
import type { RuleAst } from './dsl/ast';

export type { ColumnType };

export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** For date/timestamp columns: the one non-ISO format profiling detected, e.g. `YYYY/MM/DD HH:mm:ss`. */
  format?: string | null;
  /**
   * `text`: values arrive as raw text (CSV cells, or a text column) and DESIGN §4's reading rules apply
   * (trim, null markers, the column's type, unreadable values). `native`: a database column of a real
   * type; SQL NULL is null and the value is already typed. Defaults to `text`.
   */
  storage?: 'text' | 'native';
  /** The database's own type name, for native columns. */
  nativeType?: string;
}

export interface DatasetSchema {
  columns: ColumnSchema[];
  /** Cells equal (after trimming) to one of these are null. None by default. */
  nullMarkers: string[];
  /** Columns that identify a row in evidence (e.g. a primary key); may be empty. */
  keyColumns?: string[];
}

export const SQL_DIALECTS = ['duckdb', 'postgres', 'mysql', 'sqlite'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** Where the rows live, for the SQL back ends. */
export type DataSource =
  | {
      kind: 'csv';
      /** Path DuckDB reads (a file or a named pipe). Bound as a value, never spliced into SQL. */
      path: string;
      delimiter?: string;
      quote?: string;
      escape?: string;
      header?: boolean;
      encoding?: 'utf-8' | 'utf-16' | 'latin-1';
      /**
       * The file's header names as DuckDB sniffed them. `runRuleSet` sniffs once and sets this for the
       * statements of the run, which then skip the sniffer; callers leave it out.
       */
      layout?: { columns: readonly string[] };
    }
  | {
      kind: 'table';
      table: string;
      schema?: string;
      /**
       * A column holding each row's 1-based position (e.g. the line order of the file the table was
       * loaded from). Samples then carry row numbers and come lowest first; without it `rowNumber` is
       * null and samples are ordered by the key columns.
       */
      rowNumberColumn?: string;
    };

/** A dataset as the compiler sees it: its name (for FOREIGN_KEY), schema and where its rows are. */
export interface DatasetRef {
  name: string;
  schema: DatasetSchema;
  source: DataSource;
}

/** The one I/O seam of the SQL back ends. Implementations live with the caller (API, tests, bench). */
export interface SqlRunner {
  readonly dialect: SqlDialect;
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
  ): Promise<Row[]>;
}

export interface RuleToRun {
  id: string;
  ast: RuleAst;
}

export interface RunOptions {
  /** Rows of evidence per failing rule: 0–1000, default 20. */
  sampleSize?: number;
  /** "now" for FRESHNESS and `now()`: the run's start time (injectable for tests). */
  now?: Date;
  /** Resolves the dataset a FOREIGN_KEY names (case-insensitive). */
  resolveDataset?: (name: string) => DatasetRef | undefined;
}

export interface SampleRow {
  /** 1-based data row number (header not counted) for files; null where the source has no order. */
  rowNumber: number | null;
  /** The dataset's key columns, when it has any. */
  key?: Record<string, unknown>;
  /** Raw values of the row (text as read, before typing). */
  values: Record<string, unknown>;
}

export interface RunPlan {
  /** Full passes over the data. */
  scans: number;
  sampleQueries: number;
  rowsScanned: number;
  /** The statements that ran, in order, for showing to users. */
  statements: string[];
}

export type Verdict = 'PASSED' | 'FAILED' | 'ERROR';

export interface RuleResult {
  ruleId: string;
  rowsChecked: number;
  failedCount: number;
  /** A fraction from 0 to 1; 1 when no rows are in scope. */
  passRate: number;
  verdict: Verdict;
  error?: string;
  samples: SampleRow[];
  durationMs: number;
}

export interface RuleSetResult {
  results: RuleResult[];
  plan: RunPlan;
  durationMs: number;
}
