import {
  INCIDENT_EVENT_TYPES,
  INCIDENT_STATUSES,
  RESOLUTION_REASONS,
  SEVERITIES,
  type BulkIncidentResponse,
  type BulkIncidentResult,
  type IncidentCounts,
  type IncidentAssigneeDto,
  type IncidentDetailDto,
  type IncidentDto,
  type IncidentEventDto,
  type IncidentEventType,
  type IncidentListResponse,
  type IncidentStatus,
  type Paged,
  type ResolutionReason,
  type Severity,
} from '@dqw/shared-types';
import { ApiProperty } from '@nestjs/swagger';

const N = { nullable: true, type: String } as const;

export class IncidentResponse implements IncidentDto {
  @ApiProperty({ description: 'Incident id' }) id!: string;
  @ApiProperty({ description: 'Rule that failed' }) ruleId!: string;
  @ApiProperty({ description: 'Dataset the rule checks' }) datasetId!: string;
  @ApiProperty({ enum: SEVERITIES, description: 'From the rule (raised, never lowered)' })
  severity!: Severity;
  @ApiProperty({ enum: INCIDENT_STATUSES, description: 'OPEN, ACKNOWLEDGED, RESOLVED or MUTED' })
  status!: IncidentStatus;
  @ApiProperty({ description: 'Title' }) title!: string;
  @ApiProperty({ description: 'Failing runs attached' }) occurrences!: number;
  @ApiProperty({ ...N, description: 'Assignee (default: the rule owner)' }) assigneeId!: string | null;
  @ApiProperty({ description: 'Opened at' }) openedAt!: string;
  @ApiProperty({ ...N, description: 'Acknowledged at' }) acknowledgedAt!: string | null;
  @ApiProperty({ ...N, description: 'Resolved at' }) resolvedAt!: string | null;
  @ApiProperty({ ...N, description: 'End of the mute (null: until unmuted)' }) mutedUntil!: string | null;
  @ApiProperty({ ...N, description: 'Acknowledge by' }) slaAckDueAt!: string | null;
  @ApiProperty({ ...N, description: 'Resolve by' }) slaResolveDueAt!: string | null;
  @ApiProperty({ ...N, description: 'First SLA breach' }) slaBreachedAt!: string | null;
  @ApiProperty({ ...N, description: 'Latest run of the rule seen' }) lastRunId!: string | null;
  @ApiProperty({ description: 'Rule name when it opened' }) ruleName!: string;
  @ApiProperty({ ...N, description: 'Run that opened it' }) firstRunId!: string | null;
  @ApiProperty({ ...N, description: 'Latest failing run (its evidence)' }) lastEvidenceRunId!: string | null;
  @ApiProperty({ description: 'Latest failure at' }) lastOccurrenceAt!: string;
  @ApiProperty({ description: 'The rule flips between pass and fail' }) flapping!: boolean;
  @ApiProperty({ ...N, description: 'Acknowledge SLA breached (at its due time)' }) slaAckBreachedAt!:
    string | null;
  @ApiProperty({ ...N, description: 'Resolve SLA breached (at its due time)' })
  slaResolveBreachedAt!: string | null;
  @ApiProperty({ ...N, description: 'Muted at' }) mutedAt!: string | null;
  @ApiProperty({ enum: RESOLUTION_REASONS, nullable: true, description: 'Why it was resolved' })
  resolutionReason!: ResolutionReason | null;
  @ApiProperty({ ...N, description: 'Resolution note' }) resolutionNote!: string | null;
  @ApiProperty({ description: 'Last change' }) updatedAt!: string;
}

export class IncidentEventResponse implements IncidentEventDto {
  @ApiProperty({ description: 'Event id (increasing)' }) id!: string;
  @ApiProperty({ description: 'Incident' }) incidentId!: string;
  @ApiProperty({ enum: INCIDENT_EVENT_TYPES, description: 'What happened' }) type!: IncidentEventType;
  @ApiProperty({ description: 'When' }) at!: string;
  @ApiProperty({ enum: ['user', 'system'], description: 'Who: a user or the system' }) actorType!:
    'user' | 'system';
  @ApiProperty({ ...N, description: 'The user (null: system)' }) actorId!: string | null;
  @ApiProperty({ description: 'Their name then, or system' }) actorLabel!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES, nullable: true, description: 'Status before' })
  fromStatus!: IncidentStatus | null;
  @ApiProperty({ enum: INCIDENT_STATUSES, nullable: true, description: 'Status after' })
  toStatus!: IncidentStatus | null;
  @ApiProperty({ ...N, description: 'Run behind it' }) runId!: string | null;
  @ApiProperty({ ...N, description: 'Comment or note' }) body!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Details per type' }) data!: Record<
    string,
    unknown
  > | null;
}

export class IncidentDetailResponse extends IncidentResponse implements IncidentDetailDto {
  @ApiProperty({ enum: INCIDENT_STATUSES, isArray: true, description: 'Statuses the caller may set now' })
  allowedTransitions!: IncidentStatus[];
  @ApiProperty({ ...N, description: 'Who acknowledged' }) acknowledgedBy!: string | null;
  @ApiProperty({ ...N, description: 'Who resolved (null: the system)' }) resolvedBy!: string | null;
  @ApiProperty({ ...N, description: 'Who muted' }) mutedBy!: string | null;
  @ApiProperty({ type: [IncidentEventResponse], description: 'Latest events, oldest first' })
  timeline!: IncidentEventResponse[];
  @ApiProperty({ description: 'Events in all' }) timelineTotal!: number;
}

class StatusCounts implements Record<IncidentStatus, number> {
  @ApiProperty({ description: 'OPEN' }) OPEN!: number;
  @ApiProperty({ description: 'ACKNOWLEDGED' }) ACKNOWLEDGED!: number;
  @ApiProperty({ description: 'RESOLVED' }) RESOLVED!: number;
  @ApiProperty({ description: 'MUTED' }) MUTED!: number;
}

class SeverityCounts implements Record<Severity, number> {
  @ApiProperty({ description: 'LOW' }) LOW!: number;
  @ApiProperty({ description: 'MEDIUM' }) MEDIUM!: number;
  @ApiProperty({ description: 'HIGH' }) HIGH!: number;
}

class CountsResponse implements IncidentCounts {
  @ApiProperty({ type: StatusCounts, description: 'By status' }) status!: StatusCounts;
  @ApiProperty({ type: SeverityCounts, description: 'By severity' }) severity!: SeverityCounts;
}

export class IncidentPage implements IncidentListResponse {
  @ApiProperty({ type: [IncidentResponse], description: 'Incidents' }) items!: IncidentResponse[];
  @ApiProperty({ description: 'Incidents matching the filters' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
  @ApiProperty({ type: CountsResponse, description: 'Counts under every filter except status and severity' })
  counts!: CountsResponse;
}

export class IncidentEventPage implements Paged<IncidentEventDto> {
  @ApiProperty({ type: [IncidentEventResponse], description: 'Events, oldest first' })
  items!: IncidentEventResponse[];
  @ApiProperty({ description: 'Events' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

class BulkResult implements BulkIncidentResult {
  @ApiProperty({ description: 'Incident id' }) id!: string;
  @ApiProperty({ description: 'Done' }) ok!: boolean;
  @ApiProperty({ description: 'What the single PATCH would answer' }) statusCode!: number;
  @ApiProperty({ type: IncidentResponse, required: false, description: 'The incident after the change' })
  incident?: IncidentResponse;
  @ApiProperty({ required: false, description: 'Why it was refused' }) error?: string;
}

export class IncidentAssigneeResponse implements IncidentAssigneeDto {
  @ApiProperty({ description: 'User id' }) id!: string;
  @ApiProperty({ description: 'Display name' }) displayName!: string;
  @ApiProperty({ enum: ['Admin', 'DataEngineer'], description: 'Role' }) role!: 'Admin' | 'DataEngineer';
}

export class BulkIncidentResponseDto implements BulkIncidentResponse {
  @ApiProperty({ type: [BulkResult], description: 'One result per id, in order' }) results!: BulkResult[];
  @ApiProperty({ description: 'Changed' }) succeeded!: number;
  @ApiProperty({ description: 'Refused' }) failed!: number;
}
