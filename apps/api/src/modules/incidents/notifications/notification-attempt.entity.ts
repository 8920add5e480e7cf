import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';

/** One try at sending a delivery: what the far end answered (or why nothing came) and how long it took. */
@Entity('notification_attempts')
export class NotificationAttempt {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ name: 'delivery_id', type: 'varchar', length: 36 })
  deliveryId!: string;

  @Column({ type: 'integer' })
  attempt!: number;

  @TimestampColumn('at')
  at!: Date;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;
}
