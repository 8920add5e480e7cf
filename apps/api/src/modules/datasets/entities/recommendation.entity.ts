import type { RecommendationStatus } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';
import { JsonColumn } from './columns';

/** How a suggestion was found and checked (heuristic, history, back-test), for showing to users. */
export interface RecommendationEvidence {
  heuristic: string;
  history?: unknown;
  backtest?: unknown;
}

@Entity('dataset_recommendations')
export class Recommendation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  /** The version whose profile proposed it (most recently). */
  @Column({ name: 'version_id', type: 'varchar', length: 36 })
  versionId!: string;

  @Column({ name: 'column_name', type: 'varchar', length: 300, nullable: true })
  column!: string | null;

  @Column({ type: 'varchar', length: 30 })
  type!: string;

  /**
   * `TYPE:column` (plus `>dataset` for FOREIGN_KEY): one row per fingerprint and dataset, so a dismissed
   * or accepted suggestion is never proposed again for that column and type.
   */
  @Column({ type: 'varchar', length: 700 })
  fingerprint!: string;

  @Column({ type: 'text' })
  dsl!: string;

  @Column({ type: 'text' })
  rationale!: string;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: RecommendationStatus;

  @JsonColumn('evidence')
  evidence!: RecommendationEvidence;

  /** The DSL as accepted (possibly edited). */
  @Column({ name: 'accepted_dsl', type: 'text', nullable: true })
  acceptedDsl!: string | null;

  /** The rule created on acceptance, when the rules module created one. */
  @Column({ name: 'rule_id', type: 'varchar', length: 36, nullable: true })
  ruleId!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @TimestampColumn('decided_at', { nullable: true })
  decidedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
