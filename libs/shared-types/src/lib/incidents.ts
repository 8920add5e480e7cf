import { IsoDateTime } from './common';
import { Severity } from './rules';

export const INCIDENT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'MUTED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentDto {
  id: string;
  ruleId: string;
  datasetId: string;
  severity: Severity;
  status: IncidentStatus;
  title: string;
  occurrences: number;
  assigneeId: string | null;
  openedAt: IsoDateTime;
  acknowledgedAt: IsoDateTime | null;
  resolvedAt: IsoDateTime | null;
  mutedUntil: IsoDateTime | null;
  slaAckDueAt: IsoDateTime | null;
  slaResolveDueAt: IsoDateTime | null;
  slaBreachedAt: IsoDateTime | null;
  lastRunId: string | null;
}
