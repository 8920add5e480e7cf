import {
  COLUMN_TYPES,
  CONNECTION_KINDS,
  CSV_ENCODINGS,
  VERSION_STATUSES,
  type ColumnDto,
  type ColumnProfileDto,
  type ColumnType,
  type ConnectionDto,
  type ConnectionKind,
  type ConnectionTestResult,
  type CsvEncoding,
  type CsvFormat,
  type DatasetDetailDto,
  type DatasetDto,
  type DatasetVersionDto,
  type DeleteDatasetResponse,
  type MalformedRow,
  type Paged,
  type ProfileDto,
  type RecommendationDto,
  type RecommendationStatus,
  type SchemaDrift,
  type SourceType,
  type TopValue,
  type UploadResultDto,
  type VersionColumnDto,
  type VersionStatus,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ColumnResponse implements ColumnDto {
  @ApiProperty({ description: 'Column name' }) name!: string;
  @ApiProperty({
    enum: COLUMN_TYPES,
    description: 'Type rules read it with (override, profile or database type)',
  })
  type!: ColumnType;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Detected non-ISO date format' })
  format?: string | null;
}

export class VersionColumnResponse extends ColumnResponse implements VersionColumnDto {
  @ApiProperty({
    enum: ['text', 'native'],
    description: 'text: read by the CSV reading rules; native: a typed database column',
  })
  storage!: 'text' | 'native';
  @ApiPropertyOptional({ nullable: true, type: String, description: "The database's type name (tables)" })
  nativeType?: string | null;
  @ApiPropertyOptional({
    description: 'A database type rules cannot read (json, bytea, uuid…): not in the schema',
  })
  unsupported?: boolean;
}

export class CsvFormatResponse implements CsvFormat {
  @ApiProperty({ description: 'Field delimiter' }) delimiter!: string;
  @ApiProperty({ description: 'Quote character' }) quote!: string;
  @ApiProperty({ description: 'Escape character inside quotes' }) escape!: string;
  @ApiProperty({ description: 'First line holds the column names' }) header!: boolean;
  @ApiProperty({ enum: CSV_ENCODINGS, description: 'Character encoding' }) encoding!: CsvEncoding;
  @ApiProperty({ description: 'The file starts with a byte-order mark' }) bom!: boolean;
  @ApiProperty({ enum: ['lf', 'crlf', 'cr', 'none'], description: 'Line ending' })
  newline!: CsvFormat['newline'];
}

export class MalformedRowResponse implements MalformedRow {
  @ApiProperty({ description: 'Physical line (the header is line 1)' }) line!: number;
  @ApiProperty({ description: 'What is wrong' }) message!: string;
}

class RetypedColumn {
  @ApiProperty({ description: 'Column' }) name!: string;
  @ApiProperty({ enum: COLUMN_TYPES, description: 'Type in the previous version' }) from!: ColumnType;
  @ApiProperty({ enum: COLUMN_TYPES, description: 'Type now' }) to!: ColumnType;
}

export class SchemaDriftResponse implements SchemaDrift {
  @ApiProperty({ description: 'The version compared with' }) previousVersionId!: string;
  @ApiProperty({ type: [String], description: 'Columns added' }) added!: string[];
  @ApiProperty({ type: [String], description: 'Columns removed' }) removed!: string[];
  @ApiProperty({ type: [RetypedColumn], description: 'Columns whose type changed' })
  retyped!: RetypedColumn[];
}

export class VersionResponse implements DatasetVersionDto {
  @ApiProperty({ description: 'Version id (UUID)' }) id!: string;
  @ApiProperty({ description: 'Dataset id' }) datasetId!: string;
  @ApiProperty({ description: 'Version number (1, 2, …)' }) number!: number;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the uploaded bytes (hex)' }) sha256!:
    string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Size in bytes' }) sizeBytes!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Uploaded file name' }) fileName!: string | null;
  @ApiProperty({ description: 'Stored encrypted (sensitive dataset)' }) encrypted!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Data rows (header not counted)' }) rowCount!:
    number | null;
  @ApiProperty({ type: [VersionColumnResponse], description: 'Columns as this version holds them' })
  columns!: VersionColumnResponse[];
  @ApiProperty({
    type: CsvFormatResponse,
    nullable: true,
    description: 'How the file is read (sniffed + overrides)',
  })
  format!: CsvFormatResponse | null;
  @ApiProperty({ type: [MalformedRowResponse], description: 'Rows that could not be read' })
  malformedRows!: MalformedRowResponse[];
  @ApiProperty({
    type: SchemaDriftResponse,
    nullable: true,
    description: 'Changes from the previous version',
  })
  drift!: SchemaDriftResponse | null;
  @ApiProperty({ enum: VERSION_STATUSES, description: 'Profiling state' }) status!: VersionStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why profiling failed' }) error!: string | null;
  @ApiProperty({ description: 'Uploaded at' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Profiled at' }) profiledAt!: string | null;
}

export class DatasetResponse implements DatasetDto {
  @ApiProperty({ description: 'Dataset id (UUID)' }) id!: string;
  @ApiProperty({ description: 'Unique name' }) name!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Description' }) description!: string | null;
  @ApiProperty({ enum: ['csv', 'table'], description: 'CSV uploads or a database table' })
  sourceType!: SourceType;
  @ApiProperty({ description: 'Files and evidence stored encrypted' }) sensitive!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Rows of the current version' }) rowCount!:
    number | null;
  @ApiProperty({ type: [ColumnResponse], description: 'Columns of the current version' })
  columns!: ColumnResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Current version id' }) currentVersionId!:
    string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Latest quality score (0–100) once rules ran' })
  qualityScore!: number | null;
  @ApiProperty({ description: 'Created at' }) createdAt!: string;
  @ApiProperty({ description: 'Updated at' }) updatedAt!: string;
}

export class DatasetDetailResponse extends DatasetResponse implements DatasetDetailDto {
  @ApiProperty({ type: [String], description: 'Values read as null' }) nullMarkers!: string[];
  @ApiProperty({ type: [String], description: 'Columns identifying a row in evidence' })
  keyColumns!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Type overrides per column' })
  columnOverrides!: DatasetDetailDto['columnOverrides'];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'CSV format overrides' })
  csvOptions!: DatasetDetailDto['csvOptions'];
  @ApiProperty({ nullable: true, type: String, description: 'Owner (user id)' }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Connection (tables)' }) connectionId!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Table name (tables)' }) table!: string | null;
  @ApiProperty({ type: VersionResponse, nullable: true, description: 'The current version' })
  currentVersion!: VersionResponse | null;
  @ApiProperty({ description: 'Number of versions' }) versionCount!: number;
}

export class DatasetPage implements Paged<DatasetDto> {
  @ApiProperty({ type: [DatasetResponse], description: 'Datasets by name' }) items!: DatasetResponse[];
  @ApiProperty({ description: 'Datasets matching' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class VersionPage implements Paged<DatasetVersionDto> {
  @ApiProperty({ type: [VersionResponse], description: 'Versions, newest first' }) items!: VersionResponse[];
  @ApiProperty({ description: 'Number of versions' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class UploadResultResponse implements UploadResultDto {
  @ApiProperty({ type: DatasetDetailResponse, description: 'The dataset' }) dataset!: DatasetDetailResponse;
  @ApiProperty({ type: VersionResponse, description: 'The new version (or the identical existing one)' })
  version!: VersionResponse;
  @ApiProperty({ description: 'false when the same bytes were uploaded before (nothing new stored)' })
  created!: boolean;
  @ApiProperty({ description: 'What happened, in words' }) message!: string;
}

export class DeleteDatasetResult implements DeleteDatasetResponse {
  @ApiProperty({ description: 'Deleted dataset id' }) id!: string;
  @ApiProperty({ enum: [true], description: 'Always true' }) deleted!: true;
}

class TopValueResponse implements TopValue {
  @ApiProperty({ description: 'Value (trimmed text)' }) value!: string;
  @ApiProperty({ description: 'Occurrences' }) count!: number;
}

class PatternResponse {
  @ApiProperty({ description: 'Pattern class (email, uuid, isoDate, format:…)' }) name!: string;
  @ApiProperty({ description: 'Share of non-null values, 0–1' }) share!: number;
  @ApiPropertyOptional({ description: 'RE2 pattern of the class' }) regex?: string;
  @ApiPropertyOptional({ description: 'Values in the class' }) count?: number;
}

export class ColumnProfileResponse implements ColumnProfileDto {
  @ApiProperty({ description: 'Column' }) name!: string;
  @ApiProperty({ enum: COLUMN_TYPES, description: 'Type read with' }) type!: ColumnType;
  @ApiProperty({ description: 'Null cells' }) nullCount!: number;
  @ApiProperty({ description: 'Null share, 0–1' }) nullShare!: number;
  @ApiProperty({ description: 'Distinct non-null values' }) distinctCount!: number;
  @ApiProperty({ nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Minimum' })
  min!: string | number | null;
  @ApiProperty({ nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Maximum' })
  max!: string | number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean' }) mean!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Standard deviation' }) stddev!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Shortest text' }) minLength!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Longest text' }) maxLength!: number | null;
  @ApiProperty({ type: [TopValueResponse], description: 'Most frequent values' })
  topValues!: TopValueResponse[];
  @ApiProperty({ type: [PatternResponse], description: 'Pattern classes' }) patterns!: PatternResponse[];
  @ApiProperty({ type: [String], description: 'Values that look like null markers' })
  nullMarkerCandidates!: string[];
}

export class ProfileResponse implements ProfileDto {
  @ApiProperty({ description: 'Dataset id' }) datasetId!: string;
  @ApiProperty({ description: 'Version profiled' }) versionId!: string;
  @ApiProperty({ description: 'Rows' }) rowCount!: number;
  @ApiProperty({ type: [ColumnProfileResponse], description: 'Per column (a superset of this shape)' })
  columns!: ColumnProfileResponse[];
  @ApiProperty({ description: 'Stored at' }) createdAt!: string;
  @ApiProperty({ description: 'Taken at' }) profiledAt!: string;
  @ApiProperty({ type: [String], description: 'Null markers applied' }) nullMarkers!: string[];
}

export class RecommendationResponse implements RecommendationDto {
  @ApiProperty({ description: 'Recommendation id' }) id!: string;
  @ApiProperty({ description: 'Dataset id' }) datasetId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Column (null for dataset-level rules)' })
  column!: string | null;
  @ApiProperty({ description: 'Rule type' }) type!: string;
  @ApiProperty({ description: 'Proposed rule (DSL)' }) dsl!: string;
  @ApiProperty({ description: 'Why, with the numbers behind it' }) rationale!: string;
  @ApiProperty({ description: 'Confidence, 0–1' }) confidence!: number;
  @ApiProperty({ enum: ['proposed', 'accepted', 'dismissed'], description: 'State' })
  status!: RecommendationStatus;
  @ApiProperty({ description: 'Version whose profile proposed it' }) versionId!: string;
  @ApiProperty({ description: 'Heuristic that proposed it' }) heuristic!: string;
  @ApiProperty({ nullable: true, type: String, description: 'DSL as accepted (maybe edited)' }) acceptedDsl!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Rule created on acceptance' }) ruleId!:
    string | null;
}

export class RecommendationPage implements Paged<RecommendationDto> {
  @ApiProperty({ type: [RecommendationResponse], description: 'Most confident first' })
  items!: RecommendationResponse[];
  @ApiProperty({ description: 'Matching' }) total!: number;
  @ApiProperty({ description: 'Page number' }) page!: number;
  @ApiProperty({ description: 'Page size' }) pageSize!: number;
}

export class SampleResponse {
  @ApiProperty({ description: 'Version read' }) versionId!: string;
  @ApiProperty({ type: [ColumnResponse], description: 'Columns' }) columns!: ColumnResponse[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: { type: 'string', nullable: true } },
    description: 'First rows, raw text by column name',
  })
  rows!: Record<string, string | null>[];
}

export class ConnectionResponse implements ConnectionDto {
  @ApiProperty({ description: 'Connection id' }) id!: string;
  @ApiProperty({ description: 'Name' }) name!: string;
  @ApiProperty({ enum: CONNECTION_KINDS, description: 'Engine' }) kind!: ConnectionKind;
  @ApiProperty({ nullable: true, type: String, description: 'Host' }) host!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Port' }) port!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Database' }) database!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'User' }) user!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SQLite file (relative to the sources folder)' })
  path!: string | null;
  @ApiProperty({ description: 'TLS required' }) ssl!: boolean;
  @ApiProperty({ description: 'A password is stored (never returned)' }) hasPassword!: boolean;
  @ApiProperty({ description: 'Created at' }) createdAt!: string;
  @ApiProperty({ description: 'Updated at' }) updatedAt!: string;
}

export class ConnectionTestResponse implements ConnectionTestResult {
  @ApiProperty({ description: 'Reachable and signed in' }) ok!: boolean;
  @ApiProperty({ description: 'What happened' }) message!: string;
  @ApiProperty({ type: [String], description: 'Visible tables' }) tables!: string[];
  @ApiProperty({ description: 'Time taken (ms)' }) latencyMs!: number;
}
