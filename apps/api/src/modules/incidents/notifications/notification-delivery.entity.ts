import type { NotificationDeliveryStatus } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';

/**
 * One notification for one channel. `(channel_id, key)` is unique and the key is deterministic
 * (`<incident>:<event>:<sequence>`), so the same notification can't be created, or sent, twice.
 */
@Entity('notification_deliveries')
export class NotificationDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'channel_id', type: 'varchar', length: 36 })
  channelId!: string;

  @Column({ name: 'incident_id', type: 'varchar', length: 36, nullable: true })
  incidentId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  event!: string;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: NotificationDeliveryStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  /** JSON of NotificationPayload, fixed when the notification is created (retries send the same bytes). */
  @Column({ type: 'text' })
  payload!: string;

  /** When a worker took it; another worker may take it over once this is old (a crashed sender). */
  @TimestampColumn('claimed_at', { nullable: true })
  claimedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;

  @TimestampColumn('sent_at', { nullable: true })
  sentAt!: Date | null;
}
