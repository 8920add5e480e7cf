import type { NotificationChannelType, Severity } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';

/** Where notifications go. Secrets (URL of Slack hooks, signing secret, SMTP password) are encrypted. */
@Entity('notification_channels')
export class NotificationChannel {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  type!: NotificationChannelType;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** JSON array of NotificationEvent. */
  @Column({ type: 'text' })
  events!: string;

  @Column({ name: 'min_severity', type: 'varchar', length: 10 })
  minSeverity!: Severity;

  /** What the API shows of the URL (Slack: masked); null for email. */
  @Column({ name: 'url_display', type: 'text', nullable: true })
  urlDisplay!: string | null;

  /** The real URL, encrypted (Slack hook URLs are credentials). */
  @Column({ name: 'url_enc', type: 'text', nullable: true })
  urlEnc!: string | null;

  /** Webhook signing secret or SMTP password, encrypted. */
  @Column({ name: 'secret_enc', type: 'text', nullable: true })
  secretEnc!: string | null;

  /** JSON of EmailChannelSettings (no password). */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
