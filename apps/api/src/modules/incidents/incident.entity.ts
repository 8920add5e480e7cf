import type { IncidentStatus, ResolutionReason, Severity } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

/**
 * One incident of one rule. At most one per rule is OPEN, ACKNOWLEDGED or MUTED at a time: a unique
 * partial index on `rule_id` (see the migration) enforces it in the database.
 */
@Entity('incidents')
export class Incident {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ name: 'rule_name', type: 'varchar', length: 200 })
  ruleName!: string;

  @Column({ type: 'varchar', length: 10 })
  severity!: Severity;

  /** 1 LOW, 2 MEDIUM, 3 HIGH: sorting and "at least" filters without CASE expressions. */
  @Column({ name: 'severity_rank', type: 'integer' })
  severityRank!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: IncidentStatus;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ name: 'assignee_id', type: 'varchar', length: 36, nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'first_run_id', type: 'varchar', length: 36, nullable: true })
  firstRunId!: string | null;

  @Column({ name: 'last_run_id', type: 'varchar', length: 36, nullable: true })
  lastRunId!: string | null;

  @Column({ name: 'last_evidence_run_id', type: 'varchar', length: 36, nullable: true })
  lastEvidenceRunId!: string | null;

  @TimestampColumn('opened_at')
  openedAt!: Date;

  @TimestampColumn('last_occurrence_at')
  lastOccurrenceAt!: Date;

  @TimestampColumn('acknowledged_at', { nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 36, nullable: true })
  acknowledgedBy!: string | null;

  @TimestampColumn('muted_at', { nullable: true })
  mutedAt!: Date | null;

  @Column({ name: 'muted_by', type: 'varchar', length: 36, nullable: true })
  mutedBy!: string | null;

  @TimestampColumn('muted_until', { nullable: true })
  mutedUntil!: Date | null;

  @TimestampColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;

  /** The user, or null when the system resolved it (a passing run, a mute expiring on a passing rule). */
  @Column({ name: 'resolved_by', type: 'varchar', length: 36, nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolution_reason', type: 'varchar', length: 20, nullable: true })
  resolutionReason!: ResolutionReason | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;

  @TimestampColumn('sla_ack_due_at', { nullable: true })
  slaAckDueAt!: Date | null;

  @TimestampColumn('sla_resolve_due_at', { nullable: true })
  slaResolveDueAt!: Date | null;

  @TimestampColumn('sla_ack_breached_at', { nullable: true })
  slaAckBreachedAt!: Date | null;

  @TimestampColumn('sla_resolve_breached_at', { nullable: true })
  slaResolveBreachedAt!: Date | null;

  /** The first of the two breaches (DESIGN §9's `slaBreachedAt`). */
  @TimestampColumn('sla_breached_at', { nullable: true })
  slaBreachedAt!: Date | null;

  /** The next SLA deadline that still matters (sorting by urgency); null when none. */
  @TimestampColumn('sla_next_due_at', { nullable: true })
  slaNextDueAt!: Date | null;

  @Column({ type: 'boolean' })
  flapping!: boolean;

  /** Numbers the notifications of this incident: part of each delivery's deterministic key. */
  @Column({ name: 'notify_seq', type: 'integer' })
  notifySeq!: number;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
