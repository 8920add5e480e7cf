import {
  COLUMN_TYPES,
  CSV_ENCODINGS,
  type RecommendationStatus,
  type ColumnOverride,
  type ColumnType,
  type CreateTableDatasetRequest,
  type CsvEncoding,
  type CsvFormatOverrides,
  type DatasetListQuery,
  type SourceType,
  type UpdateDatasetRequest,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';

const NOT_BLANK = /\S/;

export class DatasetListQueryDto extends PageQueryDto implements DatasetListQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive search in name and description', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['csv', 'table'], description: 'Only CSV uploads or only database tables' })
  @IsOptional()
  @IsIn(['csv', 'table'])
  sourceType?: SourceType;
}

export class CreateTableDatasetDto implements CreateTableDatasetRequest {
  @ApiProperty({
    description: 'Unique name (case-insensitive); FOREIGN_KEY rules refer to it',
    maxLength: 200,
  })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ description: 'What the data is', nullable: true, type: String, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiProperty({ description: 'Connection (UUID) the table is read through' })
  @IsUUID()
  connectionId!: string;

  @ApiProperty({
    description: '`table` or `schema.table` (PostgreSQL schema, MySQL database)',
    maxLength: 500,
  })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'table must not be blank' })
  table!: string;

  @ApiPropertyOptional({ description: 'Encrypt evidence of this dataset at rest' })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Values read as null (exact match after trimming)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  nullMarkers?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Columns that identify a row in evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  keyColumns?: string[];
}

export class ColumnOverrideDto implements ColumnOverride {
  @ApiProperty({ enum: COLUMN_TYPES, description: 'The type rules read the column with' })
  @IsIn(COLUMN_TYPES)
  type!: ColumnType;

  @ApiPropertyOptional({
    description: 'For date/timestamp columns: a non-ISO format with tokens YYYY MM DD HH mm ss',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  format?: string | null;
}

export class CsvOptionsDto implements CsvFormatOverrides {
  @ApiPropertyOptional({ description: 'Field delimiter (one character; \\t for tab)' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  delimiter?: string;

  @ApiPropertyOptional({ description: 'Quote character' })
  @IsOptional()
  @IsString()
  @MaxLength(1)
  quote?: string;

  @ApiPropertyOptional({ description: 'Escape character inside quotes (default: the quote, doubled)' })
  @IsOptional()
  @IsString()
  @MaxLength(1)
  escape?: string;

  @ApiPropertyOptional({ description: 'Whether the first line holds the column names' })
  @IsOptional()
  @IsBoolean()
  header?: boolean;

  @ApiPropertyOptional({ enum: CSV_ENCODINGS, description: 'Character encoding of the file' })
  @IsOptional()
  @IsIn(CSV_ENCODINGS)
  encoding?: CsvEncoding;
}

export class UpdateDatasetDto implements UpdateDatasetRequest {
  @ApiPropertyOptional({ description: 'New unique name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ description: 'Description', nullable: true, type: String, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({
    description:
      'Type (and format) per column; null removes an override. The current version is profiled again.',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ColumnOverrideDto' },
  })
  @IsOptional()
  @IsObject()
  columnOverrides?: Record<string, ColumnOverrideDto | null>;

  @ApiPropertyOptional({
    type: [String],
    description: 'Values read as null; the current version is profiled again',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  nullMarkers?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Columns that identify a row in evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  keyColumns?: string[];

  @ApiPropertyOptional({
    type: CsvOptionsDto,
    description: 'How the CSV is read; the current file is read again',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CsvOptionsDto)
  csvOptions?: CsvOptionsDto;
}

export class RecommendationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['proposed', 'accepted', 'dismissed', 'all'],
    description: 'Which recommendations (default: proposed)',
  })
  @IsOptional()
  @IsIn(['proposed', 'accepted', 'dismissed', 'all'])
  status?: RecommendationStatus | 'all';
}

export class SampleQueryDto {
  @ApiPropertyOptional({ description: 'Rows (0–1000, default 100)', minimum: 0, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  limit?: number;
}
