import type { Severity } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';

/** Time to acknowledge and to resolve, per severity (one row each, seeded with the defaults). */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  severity!: Severity;

  @Column({ name: 'ack_minutes', type: 'integer' })
  ackMinutes!: number;

  @Column({ name: 'resolve_minutes', type: 'integer' })
  resolveMinutes!: number;

  @TimestampColumn('updated_at', { nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 36, nullable: true })
  updatedBy!: string | null;
}
