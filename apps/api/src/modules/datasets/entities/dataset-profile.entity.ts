import type { DatasetProfile } from '@dqw/rule-engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';
import { JsonColumn } from './columns';

/** The profile of one dataset version, as the rule engine computed it. */
@Entity('dataset_profiles')
export class DatasetProfileRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ name: 'version_id', type: 'varchar', length: 36 })
  versionId!: string;

  @JsonColumn('profile')
  profile!: DatasetProfile;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
