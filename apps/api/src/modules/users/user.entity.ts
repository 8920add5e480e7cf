import { Role } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'failed_login_count', type: 'integer' })
  failedLoginCount!: number;

  @TimestampColumn('locked_until', { nullable: true })
  lockedUntil!: Date | null;

  @TimestampColumn('last_login_at', { nullable: true })
  lastLoginAt!: Date | null;

  @TimestampColumn('password_changed_at')
  passwordChangedAt!: Date;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
