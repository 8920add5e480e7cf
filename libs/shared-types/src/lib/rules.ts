import { IsoDateTime } from './common';

export const RULE_TYPES = [
  'NOT_NULL',
  'UNIQUE',
  'IN_RANGE',
  'MATCHES',
  'ACCEPTED_VALUES',
  'FOREIGN_KEY',
  'ROW_COUNT',
  'FRESHNESS',
  'CUSTOM',
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface RuleDto {
  id: string;
  datasetId: string;
  name: string;
  description: string | null;
  dsl: string;
  type: RuleType;
  severity: Severity;
  active: boolean;
  schedule: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export const RUN_STATUSES = ['queued', 'running', 'passed', 'failed', 'error'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type RunTrigger = 'manual' | 'upload' | 'schedule' | 'api';

export interface RunDto {
  id: string;
  ruleId: string;
  datasetId: string;
  datasetVersionId: string | null;
  status: RunStatus;
  trigger: RunTrigger;
  rowsChecked: number | null;
  failedCount: number | null;
  passRate: number | null;
  startedAt: IsoDateTime | null;
  finishedAt: IsoDateTime | null;
  durationMs: number | null;
  error: string | null;
}

export interface RunRulesRequest {
  ruleIds?: string[];
  datasetId?: string;
}

export interface RunRulesResponse {
  runs: { id: string; ruleId: string; status: RunStatus }[];
}

export interface ValidateDslResponse {
  valid: boolean;
  errors: { line: number; column: number; length: number; message: string }[];
}

/* ----------------------------------------------------------------------------------------------
 * Rules (issue 5). The fields above are DESIGN §9's contract; everything below only adds to it.
 * -------------------------------------------------------------------------------------------- */

/** A rule as the API answers it: the contract's fields plus its owner and current version. */
export interface RuleDetailDto extends RuleDto {
  /** The creator; the default assignee of the rule's incidents. */
  ownerId: string | null;
  /** 1 on creation, +1 on every edit that changes it (see `GET /api/rules/{id}/versions`). */
  version: number;
  /** Id of the current RuleVersion; runs record the version they ran. */
  versionId: string;
}

/** `POST /api/rules` (DataEngineer, Admin). The type is derived from the DSL. */
export interface CreateRuleRequest {
  datasetId: string;
  name: string;
  description?: string | null;
  dsl: string;
  /** Default MEDIUM. */
  severity?: Severity;
  /** Default true. */
  active?: boolean;
  /** Five-field cron expression, evaluated in UTC (`0 6 * * *` = every day at 06:00 UTC); null = none. */
  schedule?: string | null;
}

/** `PATCH /api/rules/{id}`: any subset; the dataset of a rule can't change. */
export interface UpdateRuleRequest {
  name?: string;
  description?: string | null;
  dsl?: string;
  severity?: Severity;
  active?: boolean;
  schedule?: string | null;
}

/** `GET /api/rules` query; answers `Paged<RuleDetailDto>`, newest first. */
export interface RuleListQuery {
  page?: number;
  pageSize?: number;
  datasetId?: string;
  type?: RuleType;
  severity?: Severity;
  active?: boolean;
  /** Case-insensitive text in name, description or DSL. */
  q?: string;
}

/** One entry of a rule's history (`GET /api/rules/{id}/versions`, newest first). */
export interface RuleVersionDto {
  id: string;
  ruleId: string;
  version: number;
  name: string;
  description: string | null;
  dsl: string;
  type: RuleType;
  severity: Severity;
  active: boolean;
  schedule: string | null;
  createdAt: IsoDateTime;
  /** User who made this version (null when made by the system). */
  createdBy: string | null;
}

/** `POST /api/rules/validate`. Without `datasetId` only the syntax is checked. */
export interface ValidateRuleRequest {
  dsl: string;
  datasetId?: string;
}

/** Answer of `POST /api/rules/validate` (a `ValidateDslResponse` plus what the rule is when valid). */
export interface ValidateRuleResponse extends ValidateDslResponse {
  type: RuleType | null;
  /** The rule in canonical form (upper-case keywords, normalised spacing). */
  canonical: string | null;
  /** Columns of the dataset the rule reads. */
  columns: string[];
}

/** `POST /api/rules/preview`: runs the rule in memory on a bounded sample, stores nothing. */
export interface PreviewRuleRequest {
  dsl: string;
  datasetId: string;
  /** Rows of the current version to evaluate (default 500, at most 1000). */
  sampleSize?: number;
}

/** One failing row of a run or a preview. */
export interface EvidenceRowDto {
  /** 1-based data row number of the file (header not counted); null where the source has no order. */
  rowNumber: number | null;
  /** The dataset's key columns, when it has any. */
  key?: Record<string, unknown>;
  /** The row's values as read (text for CSV files). */
  values: Record<string, unknown>;
}

export interface PreviewRuleResponse {
  datasetId: string;
  datasetVersionId: string | null;
  type: RuleType;
  /** Rows of the sample that were evaluated (the first rows of the current version). */
  sampleRows: number;
  /** What the run would report on this sample. */
  status: Exclude<RunStatus, 'queued' | 'running'>;
  rowsChecked: number;
  failedCount: number;
  passRate: number;
  error: string | null;
  columns: string[];
  /** Failing rows of the sample (at most 100). */
  failingRows: EvidenceRowDto[];
  /** Caveats, e.g. that a FOREIGN_KEY was checked against a sample of the other dataset. */
  notes: string[];
}

export type RunVerdict = 'PASSED' | 'FAILED' | 'ERROR';

/** A run as the API answers it: the contract's fields plus what it ran and how. */
export interface RunDetailDto extends RunDto {
  ruleVersionId: string;
  ruleVersion: number;
  ruleName: string;
  /** PASSED/FAILED/ERROR once finished; null while queued or running. */
  verdict: RunVerdict | null;
  /** Tries made by the queue (1 normally; more after a worker crash or a retry). */
  attempts: number;
  queuedAt: IsoDateTime;
  /** Failing rows stored as evidence (0 when the run passed or evidence is disabled). */
  evidenceRows: number;
  /** False once retention pruned the evidence file (or when there is none). */
  evidenceAvailable: boolean;
}

/** What a run did: scans, sample queries, rows scanned, the statements (`GET /api/runs/{id}`). */
export interface RunPlanDto {
  scans: number;
  sampleQueries: number;
  rowsScanned: number;
  statements: string[];
  /** Runs checked in the same scan (all rules of the dataset version in one job). */
  batchSize: number;
  /** Version of each dataset a FOREIGN_KEY looked values up in (name → version id). */
  foreignVersions?: Record<string, string | null>;
}

export interface RunWithPlanDto extends RunDetailDto {
  /** The rule text this run checked (its rule version). */
  dsl: string;
  /** Null until the run finished. */
  plan: RunPlanDto | null;
}

/** `GET /api/runs` query; answers `Paged<RunDetailDto>`, newest first. */
export interface RunListQuery {
  page?: number;
  pageSize?: number;
  datasetId?: string;
  ruleId?: string;
  status?: RunStatus;
  /** Finished runs with this verdict. */
  verdict?: RunVerdict;
  trigger?: RunTrigger;
  /** Queued at or after (ISO 8601). */
  from?: IsoDateTime;
  /** Queued before (ISO 8601). */
  to?: IsoDateTime;
}

/**
 * `GET /api/runs/latest?ruleIds=a,b`: each listed rule's newest run, one request for a page of rules
 * (rules that never ran are left out).
 */
export interface LatestRunsQuery {
  ruleIds: string[];
}

export interface LatestRunsDto {
  items: RunDetailDto[];
}

/** `GET /api/runs/{id}/evidence`. */
export interface EvidenceDto {
  runId: string;
  ruleId: string;
  datasetId: string;
  datasetVersionId: string | null;
  /** Column order of `values`. */
  columns: string[];
  keyColumns: string[];
  /** Failing rows in the whole run (the file keeps at most EVIDENCE_ROWS of them). */
  failedCount: number;
  rows: EvidenceRowDto[];
  /** True when fewer rows are kept than failed. */
  truncated: boolean;
}

/** `POST /api/datasets/{id}/recommendations/{rid}/accept`: optional edits before the rule is created. */
export interface AcceptRecommendationRequest {
  dsl?: string;
  name?: string;
  description?: string | null;
  severity?: Severity;
  active?: boolean;
  schedule?: string | null;
}

/** Data of the `run.updated` event: the run as `GET /api/runs/{id}` lists it. */
export type RunUpdatedEventData = RunDetailDto;

/** Data of the `run.progress` event: one job checks all runs of a dataset version together. */
export interface RunProgressEventData {
  datasetId: string;
  datasetVersionId: string | null;
  runIds: string[];
  /** 0–100. */
  percent: number;
  phase: 'opening' | 'scanning' | 'storing' | 'done';
}
