import type { ConnectionKind } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';
import { JsonColumn } from './columns';

/** What may be shown of a connection (no secrets). */
export interface ConnectionDisplay {
  host: string | null;
  port: number | null;
  database: string | null;
  user: string | null;
  path: string | null;
  ssl: boolean;
  hasPassword: boolean;
}

/** An external database. The full spec (with the password) is stored only encrypted, in `secret`. */
@Entity('connections')
export class Connection {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ConnectionKind;

  @JsonColumn('display')
  display!: ConnectionDisplay;

  /** AES-256-GCM (app key) of the JSON ConnectionSpec, base64. */
  @Column({ type: 'text' })
  secret!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
