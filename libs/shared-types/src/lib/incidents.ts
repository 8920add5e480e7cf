import { IsoDateTime, Paged } from './common';
import { Severity } from './rules';

export const INCIDENT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'MUTED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** DESIGN §9's incident: these field names are a contract (never rename them). */
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
  /** First SLA breach (acknowledge or resolve), null while none. */
  slaBreachedAt: IsoDateTime | null;
  lastRunId: string | null;
  /** Extensions below (added after DESIGN §9). */
  ruleName: string;
  firstRunId: string | null;
  /** Latest failing run: its failing rows are at `GET /api/runs/{id}/evidence`. */
  lastEvidenceRunId: string | null;
  lastOccurrenceAt: IsoDateTime;
  /** The rule flips between pass and fail (3+ changes in its last 10 runs): the incident stays open. */
  flapping: boolean;
  slaAckBreachedAt: IsoDateTime | null;
  slaResolveBreachedAt: IsoDateTime | null;
  mutedAt: IsoDateTime | null;
  resolutionReason: ResolutionReason | null;
  resolutionNote: string | null;
  updatedAt: IsoDateTime;
}

/**
 * Who may move an incident where (PATCH `status`). `RESOLVED` is final: a new failure opens a new
 * incident. OPEN → RESOLVED is allowed so a false positive needs no acknowledgement first.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  OPEN: ['ACKNOWLEDGED', 'MUTED', 'RESOLVED'],
  ACKNOWLEDGED: ['RESOLVED', 'MUTED'],
  MUTED: ['OPEN'],
  RESOLVED: [],
};

export const RESOLUTION_REASONS = [
  'fixed',
  'expected_change',
  'false_positive',
  'duplicate',
  'other',
] as const;
export type ResolutionReason = (typeof RESOLUTION_REASONS)[number];

/** `system` = done by Watchtower itself (a run, the SLA check, a mute expiring). */
export type IncidentActorType = 'user' | 'system';

export const INCIDENT_EVENT_TYPES = [
  'opened',
  'occurrence',
  'acknowledged',
  'muted',
  'unmuted',
  'reopened',
  'resolved',
  'assigned',
  'severity_raised',
  'sla_breached',
  'comment',
  'flapping',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

/** One entry of an incident's timeline (comments included, type `comment`). */
export interface IncidentEventDto {
  id: string;
  incidentId: string;
  type: IncidentEventType;
  at: IsoDateTime;
  actorType: IncidentActorType;
  /** The user, or null for the system. */
  actorId: string | null;
  /** Display name (or email) of the user at that time, `system` for the system. */
  actorLabel: string;
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus | null;
  /** The run behind an `opened`/`occurrence`/`resolved` by the system. */
  runId: string | null;
  /** Comment text, or the note given with a transition. */
  body: string | null;
  /**
   * Per type: `assigned` {from, to}; `severity_raised` {from, to}; `sla_breached` {kind: 'ack'|'resolve',
   * dueAt}; `muted` {until}; `resolved` {reason}; `flapping` {changes}.
   */
  data: Record<string, unknown> | null;
}

export interface IncidentDetailDto extends IncidentDto {
  /** Status changes the caller may make now (empty for Analysts and for RESOLVED). */
  allowedTransitions: IncidentStatus[];
  acknowledgedBy: string | null;
  resolvedBy: string | null;
  mutedBy: string | null;
  /** The latest events, oldest first (all of them at `GET /api/incidents/{id}/timeline`). */
  timeline: IncidentEventDto[];
  timelineTotal: number;
}

export const INCIDENT_SORTS = [
  'openedAt',
  '-openedAt',
  'lastOccurrenceAt',
  '-lastOccurrenceAt',
  'severity',
  '-severity',
  'occurrences',
  '-occurrences',
  'slaDueAt',
  '-slaDueAt',
] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/** `GET /api/incidents` query. `status` and `severity` take one value or a comma-separated list. */
export interface IncidentListQuery {
  page?: number;
  pageSize?: number;
  status?: string;
  severity?: string;
  datasetId?: string;
  ruleId?: string;
  /** A user id, or `none` for unassigned incidents. */
  assigneeId?: string;
  /** true: at least one SLA breach; false: none. */
  breached?: boolean;
  /** Opened at or after (ISO 8601). */
  from?: IsoDateTime;
  /** Opened before (ISO 8601). */
  to?: IsoDateTime;
  flapping?: boolean;
  /** Case-insensitive search in the title. */
  q?: string;
  /** Default `-openedAt`; `severity` sorts LOW < MEDIUM < HIGH; `slaDueAt` is the next due time. */
  sort?: IncidentSort;
}

/** Counts of the incidents matching every filter except `status` and `severity` (for filter chips). */
export interface IncidentCounts {
  status: Record<IncidentStatus, number>;
  severity: Record<Severity, number>;
}

export interface IncidentListResponse extends Paged<IncidentDto> {
  counts: IncidentCounts;
}

/**
 * `PATCH /api/incidents/{id}`. `RESOLVED` needs `resolutionReason` and `note`; `MUTED` may carry
 * `mutedUntil` (future; absent = until unmuted; again while MUTED = a new end). `note` goes with the
 * status change into the timeline. `assigneeId` must be an active Admin or DataEngineer (null: nobody).
 */
export interface UpdateIncidentRequest {
  status?: IncidentStatus;
  assigneeId?: string | null;
  note?: string;
  mutedUntil?: IsoDateTime | null;
  resolutionReason?: ResolutionReason;
}

export const INCIDENT_COMMENT_MAX_LENGTH = 10_000;
export const INCIDENT_NOTE_MAX_LENGTH = 10_000;

/** `POST /api/incidents/{id}/comments`; answers 201 with the timeline event. */
export interface CreateIncidentCommentRequest {
  body: string;
}

export const BULK_INCIDENT_ACTIONS = ['acknowledge', 'mute', 'unmute', 'resolve', 'assign'] as const;
export type BulkIncidentAction = (typeof BULK_INCIDENT_ACTIONS)[number];
export const BULK_INCIDENT_MAX = 200;

/** `POST /api/incidents/bulk` (triage view): the same action on many incidents, each on its own. */
export interface BulkIncidentRequest {
  ids: string[];
  action: BulkIncidentAction;
  /** For `mute`. */
  mutedUntil?: IsoDateTime | null;
  /** For `resolve`. */
  resolutionReason?: ResolutionReason;
  /** For `resolve` (required) and any other action (optional). */
  note?: string;
  /** For `assign`. */
  assigneeId?: string | null;
}

export interface BulkIncidentResult {
  id: string;
  ok: boolean;
  /** HTTP status the single PATCH would have answered (200, 400, 404, 409). */
  statusCode: number;
  incident?: IncidentDto;
  /** Why it was refused (names the allowed transitions for 409). */
  error?: string;
}

export interface BulkIncidentResponse {
  results: BulkIncidentResult[];
  succeeded: number;
  failed: number;
}

/** `GET /api/incidents/assignees`: who incidents can be assigned to (active Admins and DataEngineers). */
export interface IncidentAssigneeDto {
  id: string;
  displayName: string;
  role: 'Admin' | 'DataEngineer';
}

/** Data of the `incident.updated` server event. */
export type IncidentUpdatedEventData = IncidentDto;

// ---- SLA ----

export interface SlaPolicyDto {
  severity: Severity;
  /** Minutes from opening to acknowledgement. */
  ackMinutes: number;
  /** Minutes from opening to resolution. */
  resolveMinutes: number;
}

/**
 * `GET/PUT /api/settings/sla`: one policy per severity (defaults HIGH 1h/24h, MEDIUM 4h/72h,
 * LOW 24h/7d). Due times are computed when an incident opens (or its severity is raised).
 */
export interface SlaSettingsDto {
  policies: SlaPolicyDto[];
  updatedAt: IsoDateTime | null;
  updatedBy: string | null;
}

export interface UpdateSlaSettingsRequest {
  /** All three severities. */
  policies: SlaPolicyDto[];
}

export const SLA_MAX_MINUTES = 366 * 24 * 60;

// ---- Notifications ----

export const NOTIFICATION_CHANNEL_TYPES = ['webhook', 'slack', 'email'] as const;
export type NotificationChannelType = (typeof NOTIFICATION_CHANNEL_TYPES)[number];

export const NOTIFICATION_EVENTS = ['opened', 'reopened', 'breached', 'resolved', 'severity_raised'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** SMTP settings of an email channel (the password is write-only). */
export interface EmailChannelSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  username: string | null;
  from: string;
  to: string[];
}

export interface NotificationChannelDto {
  id: string;
  name: string;
  type: NotificationChannelType;
  enabled: boolean;
  events: NotificationEvent[];
  /** Only incidents of this severity or higher are sent. */
  minSeverity: Severity;
  /** Webhook URL; for Slack the secret path is masked (`https://hooks.slack.com/services/…`). */
  url: string | null;
  email: EmailChannelSettings | null;
  /** A webhook signing secret or SMTP password is stored (encrypted; never returned). */
  hasSecret: boolean;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** 201 answer of `POST /api/notification-channels`: a generated webhook secret is shown this once. */
export interface CreatedNotificationChannelDto extends NotificationChannelDto {
  generatedSecret: string | null;
}

export interface EmailChannelSettingsInput extends EmailChannelSettings {
  password?: string | null;
}

export interface CreateNotificationChannelRequest {
  name: string;
  type: NotificationChannelType;
  enabled?: boolean;
  /** Default: all events. */
  events?: NotificationEvent[];
  /** Default LOW (everything). */
  minSeverity?: Severity;
  /** webhook and slack: http(s) URL. */
  url?: string;
  /** webhook: HMAC-SHA256 key (16–256 characters); generated and shown once when absent. */
  secret?: string;
  /** email. */
  email?: EmailChannelSettingsInput;
}

/** Only the fields given change; `secret`/`email.password` replace the stored one (null clears the password). */
export interface UpdateNotificationChannelRequest {
  name?: string;
  enabled?: boolean;
  events?: NotificationEvent[];
  minSeverity?: Severity;
  url?: string;
  secret?: string;
  email?: EmailChannelSettingsInput;
}

export type NotificationDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface NotificationAttemptDto {
  attempt: number;
  at: IsoDateTime;
  ok: boolean;
  /** HTTP status (webhook/slack) or SMTP reply code (email); null when no answer came. */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** `GET /api/notification-channels/{id}/deliveries`: newest first, each with its attempts. */
export interface NotificationDeliveryDto {
  id: string;
  channelId: string;
  incidentId: string | null;
  /** A NotificationEvent, or `test`. */
  event: NotificationEvent | 'test';
  /** Deterministic: `<incident>:<event>:<sequence>` (a retried job never sends twice). */
  key: string;
  status: NotificationDeliveryStatus;
  attempts: NotificationAttemptDto[];
  createdAt: IsoDateTime;
  sentAt: IsoDateTime | null;
}

/**
 * The JSON body a generic webhook receives (and what Slack/email texts are made of). Signed with
 * `X-Watchtower-Signature: sha256=<hex HMAC-SHA256 of the exact body, keyed with the channel secret>`.
 */
export interface NotificationPayload {
  /** `incident.opened`, `incident.reopened`, `incident.breached`, `incident.resolved`, `incident.severity_raised`, or `test`. */
  event: string;
  /** Same as the delivery key: receivers may use it to drop duplicates. */
  key: string;
  occurredAt: IsoDateTime;
  /** One line for humans, e.g. `[HIGH] Incident opened: orders NOT_NULL(email) failed`. */
  text: string;
  flapping: boolean;
  /** Absent for `test`. */
  incident?: IncidentDto & { url: string | null };
  /** For `breached`: which SLA (`ack` or `resolve`). */
  breach?: { kind: 'ack' | 'resolve'; dueAt: IsoDateTime };
  /** For `severity_raised`. */
  previousSeverity?: Severity;
}
