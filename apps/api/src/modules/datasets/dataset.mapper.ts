import type {
  DatasetDetailDto,
  DatasetDto,
  DatasetVersionDto,
  ProfileDto,
  RecommendationDto,
} from '@dqw/shared-types';
import type { DatasetProfile } from '@dqw/rule-engine';
import type { DatasetProfileRecord } from './entities/dataset-profile.entity';
import type { DatasetVersion } from './entities/dataset-version.entity';
import type { Dataset } from './entities/dataset.entity';
import type { Recommendation } from './entities/recommendation.entity';
import { datasetSchema } from './schema';

export function toVersionDto(v: DatasetVersion): DatasetVersionDto {
  return {
    id: v.id,
    datasetId: v.datasetId,
    number: v.number,
    sha256: v.sha256,
    sizeBytes: v.sizeBytes,
    fileName: v.fileName,
    encrypted: v.encrypted,
    rowCount: v.rowCount,
    columns: v.columns,
    format: v.format,
    malformedRows: v.malformedRows,
    drift: v.drift,
    status: v.status,
    error: v.error,
    createdAt: v.createdAt.toISOString(),
    profiledAt: v.profiledAt ? v.profiledAt.toISOString() : null,
  };
}

export function toDatasetDto(d: Dataset, current: DatasetVersion | null): DatasetDto {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    sourceType: d.sourceType,
    sensitive: d.sensitive,
    rowCount: current?.rowCount ?? null,
    columns: datasetSchema(d, current).columns.map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.format ? { format: c.format } : {}),
    })),
    currentVersionId: d.currentVersionId,
    qualityScore: d.qualityScore,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toDatasetDetailDto(
  d: Dataset,
  current: DatasetVersion | null,
  versionCount: number,
): DatasetDetailDto {
  return {
    ...toDatasetDto(d, current),
    nullMarkers: d.nullMarkers,
    keyColumns: d.keyColumns,
    columnOverrides: d.columnOverrides,
    csvOptions: d.csvOptions,
    ownerId: d.ownerId,
    connectionId: d.connectionId,
    table: d.tableName ? (d.tableSchema ? `${d.tableSchema}.${d.tableName}` : d.tableName) : null,
    currentVersion: current ? toVersionDto(current) : null,
    versionCount,
  };
}

/** DESIGN §9's profile shape; the engine's column profile is a superset, returned as is. */
export function toProfileDto(
  r: DatasetProfileRecord,
): ProfileDto & { profiledAt: string; nullMarkers: string[] } {
  // Callers hand in an opened (decrypted) record.
  const p = r.profile as DatasetProfile;
  return {
    datasetId: r.datasetId,
    versionId: r.versionId,
    rowCount: p.rowCount,
    columns: p.columns,
    createdAt: r.createdAt.toISOString(),
    profiledAt: p.profiledAt,
    nullMarkers: p.nullMarkers,
  };
}

export function toRecommendationDto(r: Recommendation): RecommendationDto & {
  versionId: string;
  heuristic: string;
  acceptedDsl: string | null;
  ruleId: string | null;
} {
  return {
    id: r.id,
    datasetId: r.datasetId,
    column: r.column,
    type: r.type,
    dsl: r.dsl,
    rationale: r.rationale,
    confidence: r.confidence,
    status: r.status,
    versionId: r.versionId,
    heuristic: r.evidence.heuristic,
    acceptedDsl: r.acceptedDsl,
    ruleId: r.ruleId,
  };
}
