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

// ---- Issue 4: CSV uploads, table datasets, versions, connections (extends DESIGN §9's dataset shape) ----

export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'latin-1'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** How a CSV file is read: sniffed at upload, overridable by the user. */
export interface CsvFormat {
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  encoding: CsvEncoding;
  /** The file starts with a byte-order mark (dropped when reading). */
  bom: boolean;
  newline: 'lf' | 'crlf' | 'cr' | 'none';
}

/** A user's overrides of the sniffed format (any subset). */
export type CsvFormatOverrides = Partial<
  Pick<CsvFormat, 'delimiter' | 'quote' | 'escape' | 'header' | 'encoding'>
>;

/** A row the reader couldn't parse: 1-based physical line (the header is line 1). */
export interface MalformedRow {
  line: number;
  message: string;
}

/** What changed in the columns since the previous version. */
export interface SchemaDrift {
  previousVersionId: string;
  added: string[];
  removed: string[];
  retyped: { name: string; from: ColumnType; to: ColumnType }[];
}

export const VERSION_STATUSES = ['uploaded', 'profiling', 'ready', 'error'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** A column as a version holds it; `storage: 'native'` for database columns (with their own type name). */
export interface VersionColumnDto extends ColumnDto {
  storage: 'text' | 'native';
  nativeType?: string | null;
  /** A database type rules can't read (json, bytea, uuid…): not part of the dataset's schema. */
  unsupported?: boolean;
}

export interface DatasetVersionDto {
  id: string;
  datasetId: string;
  /** 1, 2, 3… per dataset. */
  number: number;
  /** SHA-256 of the uploaded bytes (hex); null for table snapshots. */
  sha256: string | null;
  sizeBytes: number | null;
  /** The uploaded file's name (sanitised); null for tables. */
  fileName: string | null;
  encrypted: boolean;
  rowCount: number | null;
  columns: VersionColumnDto[];
  /** How the file is read (sniffed, with the user's overrides); null for tables. */
  format: CsvFormat | null;
  malformedRows: MalformedRow[];
  drift: SchemaDrift | null;
  status: VersionStatus;
  error: string | null;
  createdAt: IsoDateTime;
  profiledAt: IsoDateTime | null;
}

/** Per-column overrides kept on the dataset (type and, for dates/timestamps, the format). */
export interface ColumnOverride {
  type: ColumnType;
  format?: string | null;
}

/** `GET /api/datasets/{id}`: the list shape plus what the detail page needs. */
export interface DatasetDetailDto extends DatasetDto {
  nullMarkers: string[];
  keyColumns: string[];
  columnOverrides: Record<string, ColumnOverride>;
  /** User overrides of the CSV format (applied to every new version). */
  csvOptions: CsvFormatOverrides;
  ownerId: string | null;
  /** For table datasets. */
  connectionId: string | null;
  table: string | null;
  currentVersion: DatasetVersionDto | null;
  /** Number of versions. */
  versionCount: number;
}

/** `GET /api/datasets` query. */
export interface DatasetListQuery {
  page?: number;
  pageSize?: number;
  /** Case-insensitive search in name and description. */
  q?: string;
  sourceType?: SourceType;
}

/** `POST /api/datasets` (JSON): register a database table. */
export interface CreateTableDatasetRequest {
  name: string;
  description?: string | null;
  connectionId: string;
  /** `table` or `schema.table`. */
  table: string;
  sensitive?: boolean;
  nullMarkers?: string[];
  keyColumns?: string[];
}

/**
 * `POST /api/datasets` (multipart): fields `file`, `name`, `description?`, `sensitive?`, `nullMarkers?`
 * (JSON array or comma-separated), `delimiter?`, `quote?`, `escape?`, `header?`, `encoding?`.
 * `POST /api/datasets/{id}/versions`: the same without name/description/sensitive.
 */
export interface UploadResultDto {
  dataset: DatasetDetailDto;
  version: DatasetVersionDto;
  /** False when identical bytes were uploaded before: the existing version is returned, nothing new. */
  created: boolean;
  message: string;
}

/** `PATCH /api/datasets/{id}`: any subset. */
export interface UpdateDatasetRequest {
  name?: string;
  description?: string | null;
  columnOverrides?: Record<string, ColumnOverride | null>;
  nullMarkers?: string[];
  keyColumns?: string[];
  csvOptions?: CsvFormatOverrides;
}

export interface DeleteDatasetResponse {
  id: string;
  deleted: true;
}

/** Data of the `dataset.updated` event. */
export interface DatasetUpdatedEventData {
  datasetId: string;
  versionId: string | null;
  status: VersionStatus | 'deleted' | 'updated';
}

/** Data of the `profile.progress` event. */
export interface ProfileProgressEventData {
  datasetId: string;
  versionId: string;
  /** 0–100. */
  percent: number;
  phase: 'opening' | 'profiling' | 'recommending' | 'done' | 'error';
  error?: string;
}

// ---- Connections to external databases ----

export const CONNECTION_KINDS = ['postgres', 'mysql', 'sqlite'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** A connection as the API returns it: never the password. */
export interface ConnectionDto {
  id: string;
  name: string;
  kind: ConnectionKind;
  host: string | null;
  port: number | null;
  database: string | null;
  user: string | null;
  /** SQLite: the file, relative to the sources folder. */
  path: string | null;
  ssl: boolean;
  hasPassword: boolean;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/**
 * `POST /api/connections`: either `url` (`postgres://user:pass@host:5432/db`, `mysql://…`) or the
 * separate fields; SQLite takes `path` (a file under the configured sources folder).
 */
export interface CreateConnectionRequest {
  name: string;
  kind: ConnectionKind;
  url?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  path?: string;
  ssl?: boolean;
}

export type UpdateConnectionRequest = Partial<CreateConnectionRequest>;

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  /** Visible tables (`schema.table` where the engine has schemas), when reachable. */
  tables: string[];
  latencyMs: number;
}
