import type { RuleType, Severity } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

/** One state of a rule, immutable once written; runs point at the version they checked. */
@Entity('rule_versions')
export class RuleVersion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId!: string;

  @Column({ type: 'integer' })
  version!: number;

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

  @TimestampColumn('created_at')
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;
}
