import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

export type OutcomeStatus = 'passed' | 'failed' | 'error';

/**
 * Each finished run the incidents module has handled. The primary key makes the run-outcome hook
 * idempotent per run; the rows per rule give the pass/fail history flapping is computed from.
 */
@Entity('incident_run_outcomes')
export class RunOutcomeRecord {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: OutcomeStatus;

  @TimestampColumn('finished_at')
  finishedAt!: Date;

  @Column({ name: 'incident_id', type: 'varchar', length: 36, nullable: true })
  incidentId!: string | null;

  @TimestampColumn('handled_at')
  handledAt!: Date;
}
