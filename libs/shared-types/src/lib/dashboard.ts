import type { IsoDateTime, Paged } from './common';
import type { RuleType, RunStatus, Severity } from './rules';

/* ----------------------------------------------------------------------------------------------
 * The quality score (issue 7). The API's `modules/dashboard/quality-score.ts` defines how it is
 * computed; these constants are its inputs, shared so the web app can label them.
 * -------------------------------------------------------------------------------------------- */

/** Weight of a rule in its dataset's score. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = { HIGH: 3, MEDIUM: 2, LOW: 1 };

export const QUALITY_DIMENSIONS = [
  'completeness',
  'uniqueness',
  'validity',
  'consistency',
  'timeliness',
  'volume',
] as const;
export type QualityDimension = (typeof QUALITY_DIMENSIONS)[number];

/** The dimension each rule type measures. */
export const RULE_DIMENSIONS: Readonly<Record<RuleType, QualityDimension>> = {
  NOT_NULL: 'completeness',
  UNIQUE: 'uniqueness',
  IN_RANGE: 'validity',
  MATCHES: 'validity',
  ACCEPTED_VALUES: 'validity',
  CUSTOM: 'validity',
  FOREIGN_KEY: 'consistency',
  FRESHNESS: 'timeliness',
  ROW_COUNT: 'volume',
};

/** A score (0–100) and the weights behind it: `score = 100 × weightedPass / weight`. */
export interface ScorePartDto {
  /** Null when nothing was measured (no rule of this kind has a finished run). */
  score: number | null;
  /** Sum of the weights of the rules that have a finished run. */
  weight: number;
  /** Sum of weight × pass share of those rules. */
  weightedPass: number;
  /** Rules that have a finished run. */
  rules: number;
}

/** Overall score for one dimension: the mean over datasets that have rules of it with runs. */
export interface DimensionScoreDto {
  score: number | null;
  /** Datasets the mean is taken over. */
  datasets: number;
  /** Rules of this dimension with a finished run. */
  rules: number;
}

/** One rule's part in its dataset's score. */
export interface RuleContributionDto {
  ruleId: string;
  ruleName: string;
  type: RuleType;
  dimension: QualityDimension;
  severity: Severity;
  weight: number;
  /** The latest finished run (by queued time); null when the rule has not run yet (it then counts for nothing). */
  run: {
    id: string;
    status: Extract<RunStatus, 'passed' | 'failed' | 'error'>;
    passRate: number | null;
    queuedAt: IsoDateTime;
  } | null;
  /** The run's pass rate (0–1); 0 for an ERROR run; null without a run. */
  passShare: number | null;
  /** weight × passShare (0 without a run). */
  weightedPass: number;
}

export interface DatasetScoreDto extends ScorePartDto {
  datasetId: string;
  datasetName: string;
  /** The same score restricted to the rules of each dimension. */
  dimensions: Record<QualityDimension, ScorePartDto>;
  /** Active rules of the dataset (with or without runs); only with `breakdown=rules`. */
  ruleContributions?: RuleContributionDto[];
}

/** Where each number of the score comes from. */
export interface QualityBreakdownDto {
  weights: Record<Severity, number>;
  dimensionOf: Record<RuleType, QualityDimension>;
  /** Datasets with at least one active rule, lowest score first (unscored last). */
  datasets: DatasetScoreDto[];
}

export type DashboardBreakdown = 'rules' | 'datasets' | 'none';
export const DASHBOARD_BREAKDOWNS: readonly DashboardBreakdown[] = ['rules', 'datasets', 'none'];

/** `GET /api/dashboard/stats` query. */
export interface DashboardStatsQuery {
  /** Only this dataset (its score, runs, incidents, rules). */
  datasetId?: string;
  /** `datasets` (default): per dataset (and dimension); `rules`: also each rule with its latest run; `none`. */
  breakdown?: DashboardBreakdown;
}

export interface DashboardStatsDto {
  /** 0–100: the mean of the dataset scores over datasets whose active rules have runs; null if none. */
  qualityScore: number | null;
  /** Incidents OPEN or ACKNOWLEDGED (muted ones are not counted), by severity. */
  openIncidents: Record<Severity, number>;
  /** Runs queued in the last 24 h that finished (passed, failed or error). */
  runsLast24h: number;
  /** Share (0–1) of those runs that passed; null when there were none. */
  passRateLast24h: number | null;
  datasets: number;
  activeRules: number;
  /** Unresolved incidents (OPEN, ACKNOWLEDGED or MUTED) with an SLA breach. */
  slaBreachesOpen: number;

  /* Added by issue 7 (the fields above are the seed's contract). */
  generatedAt: IsoDateTime;
  /** Datasets the overall score is the mean over. */
  scoredDatasets: number;
  dimensions: Record<QualityDimension, DimensionScoreDto>;
  /** The last 24 h by run status, unfinished runs included. */
  runsLast24hByStatus: Record<RunStatus, number>;
  /** Null with `breakdown=none`. */
  breakdown: QualityBreakdownDto | null;
}

/** `GET /api/dashboard/trends` query. */
export interface DashboardTrendsQuery {
  /** 1–365, default 30: today (UTC) and the days before it. */
  days?: number;
  datasetId?: string;
}

/** One UTC day. Its runs are those queued in [from, to) — the same window `GET /api/runs?from=&to=` filters. */
export interface TrendDayDto {
  day: string;
  from: IsoDateTime;
  to: IsoDateTime;
  runs: number;
  passed: number;
  failed: number;
  errored: number;
  /**
   * The score of the day: the same formula over the rules that ran that day (each rule's last run of
   * the day, weighted by the severity its rule version had); null on a day without runs.
   */
  qualityScore: number | null;
  dimensions: Record<QualityDimension, number | null>;
  /** Datasets the day's score is the mean over. */
  datasets: number;
}

export interface DashboardTrendsDto {
  days: number;
  datasetId: string | null;
  from: IsoDateTime;
  to: IsoDateTime;
  /** Oldest first; every day of the range, also days without runs. */
  items: TrendDayDto[];
}

/** `GET /api/dashboard/days/{day}` query. */
export interface DayScoreQuery {
  datasetId?: string;
  /** `datasets` (default), `rules` (each rule's last run of the day too) or `none`. */
  breakdown?: DashboardBreakdown;
}

/** `GET /api/dashboard/days/{day}`: which rules and runs made one day's score. */
export interface DayScoreDto {
  day: string;
  from: IsoDateTime;
  to: IsoDateTime;
  qualityScore: number | null;
  dimensions: Record<QualityDimension, DimensionScoreDto>;
  datasets: DatasetScoreDto[];
}

export const RULE_PASS_RATE_SORTS = ['passRate', '-passRate', 'runs', '-runs', 'name'] as const;
export type RulePassRateSort = (typeof RULE_PASS_RATE_SORTS)[number];

/** `GET /api/dashboard/rule-pass-rates` query. */
export interface RulePassRatesQuery {
  days?: number;
  datasetId?: string;
  /** Default `passRate`: worst first. */
  sort?: RulePassRateSort;
  page?: number;
  pageSize?: number;
}

/** One rule's runs queued in the window (deleted rules are left out; inactive ones that ran are in). */
export interface RulePassRateDto {
  ruleId: string;
  ruleName: string;
  datasetId: string;
  datasetName: string | null;
  type: RuleType;
  dimension: QualityDimension;
  severity: Severity;
  active: boolean;
  runs: number;
  passed: number;
  failed: number;
  errored: number;
  /** passed / runs (0–1). */
  passRate: number;
  /** Mean of the row-level pass rates of its passed and failed runs; null if all errored. */
  meanRowPassRate: number | null;
  lastRunId: string;
  lastRunAt: IsoDateTime;
}

export interface RulePassRatesDto extends Paged<RulePassRateDto> {
  days: number;
  from: IsoDateTime;
  to: IsoDateTime;
}

/** `GET /api/dashboard/heatmap` query. */
export interface IncidentHeatmapQuery {
  days?: number;
  datasetId?: string;
  /** Datasets returned (1–200, default 20), most incidents first. */
  limit?: number;
}

export interface HeatmapCellDto {
  day: string;
  opened: number;
  bySeverity: Record<Severity, number>;
}

export interface HeatmapRowDto {
  datasetId: string;
  /** Null when the dataset was deleted since. */
  datasetName: string | null;
  total: number;
  /** Days with at least one incident opened (others are 0). */
  cells: HeatmapCellDto[];
}

/** Incidents opened per dataset and UTC day; a cell's incidents are `GET /api/incidents?datasetId=&from=&to=`. */
export interface IncidentHeatmapDto {
  days: number;
  from: IsoDateTime;
  to: IsoDateTime;
  /** Every day of the range, oldest first, with its [from, to) window. */
  dayList: { day: string; from: IsoDateTime; to: IsoDateTime }[];
  /** Datasets with incidents in the range, most first (at most `limit`). */
  rows: HeatmapRowDto[];
  /** Datasets with incidents in the range (also those past `limit`). */
  datasets: number;
  /** Largest cell (for the colour scale). */
  max: number;
  total: number;
}
