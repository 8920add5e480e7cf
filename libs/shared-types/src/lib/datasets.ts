import { IsoDateTime } from './common';

export const COLUMN_TYPES = ['integer', 'decimal', 'boolean', 'date', 'timestamp', 'string'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnDto {
  name: string;
  type: ColumnType;
  /** Detected non-ISO date/timestamp format, e.g. `YYYY/MM/DD HH:mm:ss`. */
  format?: string | null;
}

export type SourceType = 'csv' | 'table';

export interface DatasetDto {
  id: string;
  name: string;
  description: string | null;
  sourceType: SourceType;
  sensitive: boolean;
  rowCount: number | null;
  columns: ColumnDto[];
  currentVersionId: string | null;
  qualityScore: number | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface TopValue {
  value: string;
  count: number;
}

export interface ColumnProfileDto {
  name: string;
  type: ColumnType;
  nullCount: number;
  nullShare: number;
  distinctCount: number;
  min: string | number | null;
  max: string | number | null;
  mean: number | null;
  stddev: number | null;
  minLength: number | null;
  maxLength: number | null;
  topValues: TopValue[];
  patterns: { name: string; share: number }[];
  nullMarkerCandidates: string[];
}

export interface ProfileDto {
  datasetId: string;
  versionId: string;
  rowCount: number;
  columns: ColumnProfileDto[];
  createdAt: IsoDateTime;
}

export type RecommendationStatus = 'proposed' | 'accepted' | 'dismissed';

export interface RecommendationDto {
  id: string;
  datasetId: string;
  column: string | null;
  type: string;
  dsl: string;
  rationale: string;
  confidence: number;
  status: RecommendationStatus;
}
