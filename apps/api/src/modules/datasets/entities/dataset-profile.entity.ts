import type { DatasetProfile } from '@dqw/rule-engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../core/database/entity-columns';
import { JsonColumn } from './columns';

/** Encrypted JSON (see Sealer). */
export interface SealedProfile {
  sealed: string;
}

/** The profile of one dataset version, as the rule engine computed it. */
@Entity('dataset_profiles')
export class DatasetProfileRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 36 })
  datasetId!: string;

  @Column({ name: 'version_id', type: 'varchar', length: 36 })
  versionId!: string;

  /** The engine's profile; encrypted (Sealer) for sensitive datasets. */
  @JsonColumn('profile')
  profile!: DatasetProfile | SealedProfile;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
