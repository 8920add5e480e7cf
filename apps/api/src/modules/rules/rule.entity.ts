import type { RuleType, Severity } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

/** A rule's current state; every change is also kept as a RuleVersion. Deleted rules stay (soft delete) for their runs. */
@Entity('rules')
export class Rule {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  dsl!: string;

  @Column({ type: 'varchar', length: 30 })
  type!: RuleType;

  @Column({ type: 'varchar', length: 10 })
  severity!: Severity;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  schedule!: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'version_id', type: 'varchar', length: 36 })
  versionId!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;

  @TimestampColumn('deleted_at', { nullable: true })
  deletedAt!: Date | null;
}
