import type {
  CsvFormat,
  MalformedRow,
  SchemaDrift,
  VersionColumnDto,
  VersionStatus,
} from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';
import { CountColumn, JsonColumn } from './columns';

@Entity('dataset_versions')
export class DatasetVersion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ type: 'integer' })
  number!: number;

  /** Hex SHA-256 of the uploaded bytes; unique per dataset (identical re-uploads add nothing). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @CountColumn('size_bytes', { nullable: true })
  sizeBytes!: number | null;

  /** Relative to the storage root; never an absolute path. */
  @Column({ name: 'storage_path', type: 'varchar', length: 500, nullable: true })
  storagePath!: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ type: 'boolean' })
  encrypted!: boolean;

  @CountColumn('row_count', { nullable: true })
  rowCount!: number | null;

  @JsonColumn('columns')
  columns!: VersionColumnDto[];

  @JsonColumn('format', { nullable: true })
  format!: CsvFormat | null;

  @JsonColumn('malformed_rows')
  malformedRows!: MalformedRow[];

  @JsonColumn('drift', { nullable: true })
  drift!: SchemaDrift | null;

  @Column({ type: 'varchar', length: 12 })
  status!: VersionStatus;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('profiled_at', { nullable: true })
  profiledAt!: Date | null;
}
