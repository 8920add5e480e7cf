/**
 * The shape of a dataset profile (DESIGN §5, §9). A `ColumnProfile` is a superset of the API's
 * `ColumnProfileDto`, so the API can store and return it as is.
 */
import type { ColumnType, TopValue } from '@dqw/shared-types';

export type { TopValue };

/** A named class of values (email, uuid, a detected date format…) and how many non-null values fit it. */
export interface PatternShare {
  /** `email`, `url`, `uuid`, `isoDate`, `isoTimestamp`, `digits`, `format:YYYY/MM/DD` … */
  name: string;
  /** An RE2 pattern for the class, usable as is in `MATCHES(c, '…')`. */
  regex: string;
  count: number;
  /** Share of the column's non-null values, 0–1. */
  share: number;
}

export interface ColumnProfile {
  name: string;
  /** The type rules read the column with: the user's type when given, the native type, or `inferredType`. */
  type: ColumnType;
  /** What the values themselves say, by SEMANTICS.md's reading rules. */
  inferredType: ColumnType;
  typeSource: 'inferred' | 'existing' | 'native';
  /** Non-ISO date format of a date/timestamp column (tokens `YYYY MM DD HH mm ss`), else null. */
  format: string | null;
  /** When several formats fit every value (e.g. `DD/MM/YYYY` and `MM/DD/YYYY`), all of them; no format is chosen. */
  formatCandidates: string[];
  storage: 'text' | 'native';
  nullCount: number;
  /** nullCount / rowCount; 0 for an empty dataset. */
  nullShare: number;
  nonNullCount: number;
  /** Non-null values that can't be read as `type` (they fail IN_RANGE and ACCEPTED_VALUES). */
  unreadableCount: number;
  distinctCount: number;
  /** false when `distinctCount` is an estimate (the column had more distinct values than the exact bound). */
  distinctExact: boolean;
  /** Distinct values that occur exactly once; null when distinct values were not counted exactly. */
  singletonCount: number | null;
  /** Numbers for integer/decimal columns; ISO texts for date (`YYYY-MM-DD`) and timestamp columns. */
  min: string | number | null;
  max: string | number | null;
  /** For numbers: mean and sample standard deviation. For dates/timestamps: epoch milliseconds and ms. */
  mean: number | null;
  stddev: number | null;
  /** Length of the (trimmed) text in Unicode code points. */
  minLength: number | null;
  maxLength: number | null;
  /** Most frequent non-null values (trimmed text), most frequent first, ties by value. */
  topValues: TopValue[];
  /** true when `topValues` lists every distinct non-null value. */
  topValuesComplete: boolean;
  patterns: PatternShare[];
  /** Values that look like null markers (`NULL`, `N/A`, `-`…), found as values: proposed, never applied. */
  nullMarkerCandidates: string[];
  nullMarkerCounts: TopValue[];
}

export interface DatasetProfile {
  /** The dataset's name, as FOREIGN_KEY refers to it. */
  dataset?: string;
  versionId?: string;
  rowCount: number;
  columns: ColumnProfile[];
  /** When the profile was taken (ISO). FRESHNESS suggestions and history checks measure from here. */
  profiledAt: string;
  /** The null markers that were applied (the dataset's accepted markers). */
  nullMarkers: string[];
  /** How it was computed, for showing to users. */
  plan?: ProfilePlan;
}

export interface ProfilePlan {
  /** Full passes over the data. */
  scans: number;
  statements: string[];
  durationMs: number;
}

/** A user's (or an earlier profile's) type for a column, kept instead of inferring one. */
export interface ExistingType {
  type: ColumnType;
  format?: string | null;
}

export interface ProfileOptions {
  /** How many top values to keep per column (default 20, at most 1000). */
  topN?: number;
  /**
   * Columns whose (estimated) number of distinct values is above this are counted approximately and get
   * no top values (default 100,000). Exact counting of a unique column needs memory for every value.
   */
  distinctExactLimit?: number;
  /** Types to keep instead of inferring, by column name (e.g. the user's overrides). */
  existingTypes?: Record<string, ExistingType>;
  /** When the profile is taken (default: now). */
  now?: Date;
}
