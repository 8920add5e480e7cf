import { Connection } from './connection.entity';
import { DatasetProfileRecord } from './dataset-profile.entity';
import { DatasetVersion } from './dataset-version.entity';
import { Dataset } from './dataset.entity';
import { Recommendation } from './recommendation.entity';

export { Connection, Dataset, DatasetProfileRecord, DatasetVersion, Recommendation };
export type { ConnectionDisplay } from './connection.entity';
export type { RecommendationEvidence } from './recommendation.entity';

/** The datasets module's entities (registered in core/database/entities.ts). */
export const DATASET_ENTITIES = [Dataset, DatasetVersion, DatasetProfileRecord, Recommendation, Connection];
