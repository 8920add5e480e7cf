import type {
  IncidentDto,
  NotificationEvent,
  NotificationPayload,
  ResolutionReason,
  Severity,
} from '@dqw/shared-types';

export interface NotificationFacts {
  breach?: { kind: 'ack' | 'resolve'; dueAt: string; minutes: number };
  previousSeverity?: Severity;
  /** Who resolved it: a user's name, or absent for the system. */
  resolvedBy?: string;
  /** reopened: why (mute expired while the rule still fails). */
  reason?: string;
}

const REASON_TEXT: Record<ResolutionReason, string> = {
  fixed: 'fixed',
  expected_change: 'expected change',
  false_positive: 'false positive',
  duplicate: 'duplicate',
  other: 'other',
};

/** "45 min", "4 h", "7 d", "1 d 12 h", "1 h 30 min". */
export function formatMinutes(m: number): string {
  if (m < 60) return `${m} min`;
  if (m % (24 * 60) === 0) return `${m / (24 * 60)} d`;
  if (m % 60 !== 0) return `${Math.floor(m / 60)} h ${m % 60} min`;
  const h = m / 60;
  return h < 24 ? `${h} h` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

function headline(i: IncidentDto, event: NotificationEvent, f: NotificationFacts): string {
  switch (event) {
    case 'opened':
      return 'Incident opened';
    case 'reopened':
      return `Incident reopened${f.reason ? ` (${f.reason})` : ''}`;
    case 'breached':
      return f.breach?.kind === 'ack'
        ? `SLA breached: not acknowledged within ${formatMinutes(f.breach.minutes)}`
        : `SLA breached: not resolved within ${formatMinutes(f.breach?.minutes ?? 0)}`;
    case 'resolved': {
      const reason = i.resolutionReason ? ` as ${REASON_TEXT[i.resolutionReason]}` : '';
      return `Incident resolved${reason} by ${f.resolvedBy ?? 'the system (the rule passes again)'}`;
    }
    case 'severity_raised':
      return `Severity raised from ${f.previousSeverity ?? '?'} to ${i.severity}`;
  }
}

const FLAPPING_NOTE =
  ' — flapping: the rule keeps switching between pass and fail, so the incident stays open';

/** The one-line text of a notification, e.g. `[HIGH] Incident opened: orders: NOT_NULL(email) is failing`. */
export function notificationText(i: IncidentDto, event: NotificationEvent, f: NotificationFacts): string {
  return `[${i.severity}] ${headline(i, event, f)}: ${i.title}${i.flapping ? FLAPPING_NOTE : ''}`;
}

export function incidentUrl(publicUrl: string | null, id: string): string | null {
  return publicUrl ? `${publicUrl}/incidents/${id}` : null;
}

/** The webhook body; stored with the delivery so that every retry sends the same bytes. */
export function buildPayload(input: {
  incident: IncidentDto;
  event: NotificationEvent;
  key: string;
  occurredAt: Date;
  facts: NotificationFacts;
  publicUrl: string | null;
}): NotificationPayload {
  const { incident, event, facts } = input;
  const payload: NotificationPayload = {
    event: `incident.${event}`,
    key: input.key,
    occurredAt: input.occurredAt.toISOString(),
    text: notificationText(incident, event, facts),
    flapping: incident.flapping,
    incident: { ...incident, url: incidentUrl(input.publicUrl, incident.id) },
  };
  if (facts.breach) payload.breach = { kind: facts.breach.kind, dueAt: facts.breach.dueAt };
  if (facts.previousSeverity) payload.previousSeverity = facts.previousSeverity;
  return payload;
}

export function testPayload(key: string, channelName: string, at: Date): NotificationPayload {
  return {
    event: 'test',
    key,
    occurredAt: at.toISOString(),
    text: `Test message from Watchtower for channel "${channelName}": notifications reach you.`,
    flapping: false,
  };
}

/** Plain-text body of an email (and the details block of a Slack message). */
export function detailLines(p: NotificationPayload): string[] {
  const i = p.incident;
  if (!i) return [p.text];
  const lines = [
    p.text,
    '',
    `Rule: ${i.ruleName} (${i.ruleId})`,
    `Dataset: ${i.datasetId}`,
    `Status: ${i.status}   Severity: ${i.severity}   Occurrences: ${i.occurrences}`,
    `Opened: ${i.openedAt}`,
  ];
  if (i.slaAckDueAt && !i.acknowledgedAt) lines.push(`Acknowledge by: ${i.slaAckDueAt}`);
  if (i.slaResolveDueAt && !i.resolvedAt) lines.push(`Resolve by: ${i.slaResolveDueAt}`);
  if (i.resolutionNote) lines.push(`Note: ${i.resolutionNote}`);
  if (i.lastEvidenceRunId) lines.push(`Evidence: run ${i.lastEvidenceRunId}`);
  if (i.url) lines.push('', i.url);
  return lines;
}
