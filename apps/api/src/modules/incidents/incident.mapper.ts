import type { IncidentDto, IncidentEventDto } from '@dqw/shared-types';
import type { IncidentEvent } from './incident-event.entity';
import type { Incident } from './incident.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toIncidentDto(i: Incident): IncidentDto {
  return {
    id: i.id,
    ruleId: i.ruleId,
    datasetId: i.datasetId,
    severity: i.severity,
    status: i.status,
    title: i.title,
    occurrences: i.occurrences,
    assigneeId: i.assigneeId,
    openedAt: i.openedAt.toISOString(),
    acknowledgedAt: iso(i.acknowledgedAt),
    resolvedAt: iso(i.resolvedAt),
    mutedUntil: iso(i.mutedUntil),
    slaAckDueAt: iso(i.slaAckDueAt),
    slaResolveDueAt: iso(i.slaResolveDueAt),
    slaBreachedAt: iso(i.slaBreachedAt),
    lastRunId: i.lastRunId,
    ruleName: i.ruleName,
    firstRunId: i.firstRunId,
    lastEvidenceRunId: i.lastEvidenceRunId,
    lastOccurrenceAt: i.lastOccurrenceAt.toISOString(),
    flapping: i.flapping,
    slaAckBreachedAt: iso(i.slaAckBreachedAt),
    slaResolveBreachedAt: iso(i.slaResolveBreachedAt),
    mutedAt: iso(i.mutedAt),
    resolutionReason: i.resolutionReason,
    resolutionNote: i.resolutionNote,
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function toIncidentEventDto(e: IncidentEvent): IncidentEventDto {
  return {
    id: String(e.id),
    incidentId: e.incidentId,
    type: e.type,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    runId: e.runId,
    body: e.body,
    data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
  };
}
