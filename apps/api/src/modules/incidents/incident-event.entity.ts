import type { IncidentActorType, IncidentEventType, IncidentStatus } from '@dqw/shared-types';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

/** One line of an incident's timeline (comments included). Increasing ids give the order. */
@Entity('incident_events')
export class IncidentEvent {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ name: 'incident_id', type: 'varchar', length: 36 })
  incidentId!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: IncidentEventType;

  @TimestampColumn('at')
  at!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType!: IncidentActorType;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_label', type: 'varchar', length: 320 })
  actorLabel!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 12, nullable: true })
  fromStatus!: IncidentStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 12, nullable: true })
  toStatus!: IncidentStatus | null;

  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  /** JSON object. */
  @Column({ type: 'text', nullable: true })
  data!: string | null;
}
