import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../core/database/entity-columns';

/** A request made with an `Idempotency-Key` header, and the answer it got (replayed for repeats). */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 50 })
  scope!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255 })
  key!: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  /** JSON of the answer; null while the first request is still being processed. */
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('completed_at', { nullable: true })
  completedAt!: Date | null;
}
