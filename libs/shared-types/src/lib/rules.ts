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
