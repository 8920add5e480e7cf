import type { ColumnOverride, CsvFormatOverrides, SourceType } from '@dqw/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';
import { JsonColumn } from './columns';

@Entity('datasets')
export class Dataset {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Lower-cased name: names are unique case-insensitively (FOREIGN_KEY refers to them by name). */
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'source_type', type: 'varchar', length: 10 })
  sourceType!: SourceType;

  @Column({ type: 'boolean' })
  sensitive!: boolean;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  /** For table datasets: the schema (PostgreSQL) or database (MySQL) part of the table name. */
  @Column({ name: 'table_schema', type: 'varchar', length: 200, nullable: true })
  tableSchema!: string | null;

  @Column({ name: 'table_name', type: 'varchar', length: 300, nullable: true })
  tableName!: string | null;

  @JsonColumn('column_overrides')
  columnOverrides!: Record<string, ColumnOverride>;

  @JsonColumn('null_markers')
  nullMarkers!: string[];

  @JsonColumn('csv_options')
  csvOptions!: CsvFormatOverrides;

  @JsonColumn('key_columns')
  keyColumns!: string[];

  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true })
  ownerId!: string | null;

  @Column({ name: 'current_version_id', type: 'varchar', length: 36, nullable: true })
  currentVersionId!: string | null;

  /** Latest quality score (0–100) once rules have run; written by the rules/dashboard modules. */
  @Column({ name: 'quality_score', type: 'double precision', nullable: true })
  qualityScore!: number | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
