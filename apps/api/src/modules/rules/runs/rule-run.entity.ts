import type { RunStatus, RunTrigger, RunVerdict } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';

/** PostgreSQL returns BIGINT as text; counts fit a double exactly up to 2^53. */
const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
};

/**
 * One check of one rule version against one dataset version for one trigger. `runKey` is unique, so a
 * retried or duplicated request can never make a second run; the result lives on this row.
 */
@Entity('rule_runs')
export class RuleRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId!: string;

  @Column({ name: 'rule_version_id', type: 'varchar', length: 36 })
  ruleVersionId!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ name: 'dataset_version_id', type: 'varchar', length: 36, nullable: true })
  datasetVersionId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: RunStatus;

  @Column({ type: 'varchar', length: 20 })
  trigger!: RunTrigger;

  @Column({ name: 'trigger_key', type: 'varchar', length: 200 })
  triggerKey!: string;

  @Column({ name: 'run_key', type: 'varchar', length: 300 })
  runKey!: string;

  @Column({ name: 'batch_key', type: 'varchar', length: 300 })
  batchKey!: string;

  @Column({ name: 'rows_checked', type: 'bigint', nullable: true, transformer: bigintNumber })
  rowsChecked!: number | null;

  @Column({ name: 'failed_count', type: 'bigint', nullable: true, transformer: bigintNumber })
  failedCount!: number | null;

  @Column({ name: 'pass_rate', type: 'double precision', nullable: true })
  passRate!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  verdict!: RunVerdict | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @TimestampColumn('queued_at')
  queuedAt!: Date;

  @TimestampColumn('started_at', { nullable: true })
  startedAt!: Date | null;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  /** JSON of RunPlanDto. */
  @Column({ type: 'text', nullable: true })
  plan!: string | null;

  /** Path of the evidence file relative to the storage root. */
  @Column({ name: 'evidence_file', type: 'varchar', length: 300, nullable: true })
  evidenceFile!: string | null;

  @Column({ name: 'evidence_rows', type: 'integer' })
  evidenceRows!: number;

  @TimestampColumn('evidence_pruned_at', { nullable: true })
  evidencePrunedAt!: Date | null;

  /** Set once the run-outcome hooks (incidents…) have handled the finished run. */
  @TimestampColumn('outcome_handled_at', { nullable: true })
  outcomeHandledAt!: Date | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 36, nullable: true })
  requestedBy!: string | null;
}
