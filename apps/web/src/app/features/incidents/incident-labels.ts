import {
  INCIDENT_STATUSES,
  IncidentSort,
  IncidentStatus,
  RESOLUTION_REASONS,
  ResolutionReason,
  SEVERITIES,
  Severity,
} from '@dqw/shared-types';

const STATUS_LABEL: Record<IncidentStatus, string> = {
  OPEN: 'Open',
  ACKNOWLEDGED: 'Acknowledged',
  MUTED: 'Muted',
  RESOLVED: 'Resolved',
};

const STATUS_BADGE: Record<IncidentStatus, string> = {
  OPEN: 'badge-soft-danger',
  ACKNOWLEDGED: 'badge-soft-warning',
  MUTED: 'badge-soft-secondary',
  RESOLVED: 'badge-soft-success',
};

/** Statuses in triage order (the chips and the status filter). */
export const STATUS_OPTIONS: readonly { value: IncidentStatus; label: string }[] = (
  ['OPEN', 'ACKNOWLEDGED', 'MUTED', 'RESOLVED'] as const
).map((s) => ({ value: s, label: STATUS_LABEL[s] }));

/** Incidents that still need someone: the triage view's default. */
export const LIVE_STATUSES: readonly IncidentStatus[] = ['OPEN', 'ACKNOWLEDGED', 'MUTED'];

/** Most severe first. */
export const SEVERITY_CHIPS: readonly { value: Severity; label: string }[] = [...SEVERITIES]
  .reverse()
  .map((s) => ({ value: s, label: s.charAt(0) + s.slice(1).toLowerCase() }));

export function statusLabel(status: IncidentStatus): string {
  return STATUS_LABEL[status] ?? status;
}

export function statusBadge(status: IncidentStatus): string {
  return STATUS_BADGE[status] ?? 'badge-soft-secondary';
}

export function isIncidentStatus(value: string): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(value);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

const REASON_LABEL: Record<ResolutionReason, { label: string; hint: string }> = {
  fixed: { label: 'Fixed', hint: 'the data or the pipeline was repaired' },
  expected_change: {
    label: 'Expected change',
    hint: 'the data changed on purpose; the rule may need updating',
  },
  false_positive: { label: 'False positive', hint: 'the data was right; the rule was wrong' },
  duplicate: { label: 'Duplicate', hint: 'another incident covers the same problem' },
  other: { label: 'Other', hint: 'say what happened in the note' },
};

export const RESOLUTION_OPTIONS: readonly { value: ResolutionReason; label: string; hint: string }[] =
  RESOLUTION_REASONS.map((r) => ({ value: r, ...REASON_LABEL[r] }));

export function reasonLabel(reason: ResolutionReason | string | null | undefined): string {
  if (!reason) return 'No reason given';
  return REASON_LABEL[reason as ResolutionReason]?.label ?? reason;
}

export const SORT_OPTIONS: readonly { value: IncidentSort; label: string }[] = [
  { value: '-openedAt', label: 'Newest first' },
  { value: 'openedAt', label: 'Oldest first' },
  { value: '-lastOccurrenceAt', label: 'Latest failure first' },
  { value: '-severity', label: 'Most severe first' },
  { value: 'slaDueAt', label: 'SLA due soonest' },
  { value: '-occurrences', label: 'Most occurrences' },
];

export const DEFAULT_SORT: IncidentSort = '-openedAt';
