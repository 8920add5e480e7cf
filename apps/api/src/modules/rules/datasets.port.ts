import type { DatasetRef, DatasetSchema, InMemoryRows, SqlRunner } from '@dqw/rule-engine';
import type { RecommendationDto, VersionStatus } from '@dqw/shared-types';

/** What rules need to know about a dataset. */
export interface DatasetInfo {
  id: string;
  name: string;
  sensitive: boolean;
  currentVersionId: string | null;
  /** Schema of the current version; null before the first version exists. */
  schema: DatasetSchema | null;
}

/** A dataset version opened for a run; `close()` releases the runner (DuckDB connection, pool client). */
export interface OpenedDataset {
  dataset: DatasetInfo;
  versionId: string | null;
  /** Version number shown to people ("version 3"), when the source has versions. */
  versionNumber: number | null;
  ref: DatasetRef;
  runner: SqlRunner;
  /** Another dataset a FOREIGN_KEY names (case-insensitive), as of its current version. */
  resolveDataset(name: string): DatasetRef | undefined;
  /** Versions the FOREIGN_KEY lookups used (dataset name → version id). */
  foreignVersions(): Record<string, string | null>;
  close(): Promise<void>;
}

export interface DatasetSample {
  versionId: string | null;
  schema: DatasetSchema;
  /** The first rows of the version, raw text by column name. */
  rows: InMemoryRows;
}

/**
 * The seam between rules and datasets (issue 4 owns datasets). Bound in RulesModule to an adapter over
 * the datasets module's DatasetAccess, so this module's services never import its internals.
 * Every method throws NotFoundError for a dataset that doesn't exist or was deleted.
 */
export abstract class RulesDatasets {
  abstract describe(datasetId: string): Promise<DatasetInfo>;
  /** The version's state (`uploaded`/`profiling` until its types are settled); null when it is gone. */
  abstract versionStatus(datasetId: string, versionId: string): Promise<VersionStatus | null>;
  /** Schema of another dataset by name (case-insensitive), for FOREIGN_KEY validation. */
  abstract schemaByName(name: string): Promise<DatasetSchema | undefined>;
  abstract open(
    datasetId: string,
    opts: { versionId?: string | null; foreignDatasets?: string[] },
  ): Promise<OpenedDataset>;
  abstract sample(datasetId: string, limit: number): Promise<DatasetSample>;
  abstract sampleByName(name: string, limit: number): Promise<DatasetSample | undefined>;
  abstract recommendation(datasetId: string, recommendationId: string): Promise<RecommendationDto>;
  /** Records that rule `ruleId` was created from it (with the DSL as accepted); 409 if accepted already. */
  abstract markRecommendationAccepted(
    datasetId: string,
    recommendationId: string,
    ruleId: string,
    dsl: string | null,
    userId: string | null,
  ): Promise<void>;
}
