import {
  AcceptRecommendationRequest,
  CreateRuleRequest,
  PreviewRuleRequest,
  RULE_TYPES,
  RuleListQuery,
  RuleType,
  SEVERITIES,
  Severity,
  UpdateRuleRequest,
  ValidateRuleRequest,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';
import { MAX_DSL_LENGTH } from '../rule-dsl';

const NOT_BLANK = /\S/;

/** Optional, but when present it must be a value: `null` is refused (unlike @IsOptional). */
const OptionalNotNull = (): PropertyDecorator => ValidateIf((_o, v) => v !== undefined);
export const PREVIEW_DEFAULT_ROWS = 500;
export const PREVIEW_MAX_ROWS = 1000;

const DSL_DOC =
  'The rule in the DSL (DESIGN §4), e.g. `NOT_NULL(email)` or `IN_RANGE(amount, 0, 100) MOSTLY 99%`';
const SCHEDULE_DOC =
  "Cron schedule in UTC: five fields (minute hour day-of-month month day-of-week, e.g. '0 6 * * *') or @hourly/@daily/@weekly/@monthly/@yearly; null for none";

export class CreateRuleDto implements CreateRuleRequest {
  @ApiProperty({ description: 'Dataset the rule checks (UUID)' })
  @IsUUID()
  datasetId!: string;

  @ApiProperty({ description: 'Name shown in lists and incidents', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({
    description: 'What the rule protects',
    nullable: true,
    type: String,
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ description: DSL_DOC, maxLength: MAX_DSL_LENGTH })
  @IsString()
  @MaxLength(MAX_DSL_LENGTH)
  dsl!: string;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Severity of its incidents (default MEDIUM)' })
  @OptionalNotNull()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ description: 'Inactive rules are not run on upload or schedule (default true)' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: SCHEDULE_DOC, nullable: true, type: String, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  schedule?: string | null;
}

export class UpdateRuleDto implements UpdateRuleRequest {
  @ApiPropertyOptional({ description: 'Name', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ description: 'Description; null clears it', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ description: DSL_DOC, maxLength: MAX_DSL_LENGTH })
  @OptionalNotNull()
  @IsString()
  @MaxLength(MAX_DSL_LENGTH)
  dsl?: string;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Severity' })
  @OptionalNotNull()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ description: 'Active' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: SCHEDULE_DOC, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  schedule?: string | null;
}

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class RuleListQueryDto extends PageQueryDto implements RuleListQuery {
  @ApiPropertyOptional({ description: 'Only rules of this dataset' })
  @IsOptional()
  @IsUUID()
  datasetId?: string;

  @ApiPropertyOptional({ enum: RULE_TYPES, description: 'Only this rule type' })
  @IsOptional()
  @IsIn(RULE_TYPES)
  type?: RuleType;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Only this severity' })
  @OptionalNotNull()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) rules' })
  @OptionalNotNull()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Text to find in name, description or DSL', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ValidateRuleDto implements ValidateRuleRequest {
  @ApiProperty({ description: DSL_DOC, maxLength: MAX_DSL_LENGTH })
  @IsString()
  @MaxLength(MAX_DSL_LENGTH)
  dsl!: string;

  @ApiPropertyOptional({ description: 'Check columns and types against this dataset (else syntax only)' })
  @IsOptional()
  @IsUUID()
  datasetId?: string;
}

export class PreviewRuleDto implements PreviewRuleRequest {
  @ApiProperty({ description: DSL_DOC, maxLength: MAX_DSL_LENGTH })
  @IsString()
  @MaxLength(MAX_DSL_LENGTH)
  dsl!: string;

  @ApiProperty({ description: 'Dataset whose current version is sampled' })
  @IsUUID()
  datasetId!: string;

  @ApiPropertyOptional({
    description: `Rows to evaluate (default ${PREVIEW_DEFAULT_ROWS})`,
    minimum: 1,
    maximum: PREVIEW_MAX_ROWS,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PREVIEW_MAX_ROWS)
  sampleSize?: number;
}

export class AcceptRecommendationDto implements AcceptRecommendationRequest {
  @ApiPropertyOptional({ description: 'Edited rule text (validated); default the recommendation’s' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(MAX_DSL_LENGTH)
  dsl?: string;

  @ApiPropertyOptional({ description: 'Rule name; default derived from the recommendation', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ description: 'Description; default the rationale', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Severity (default MEDIUM)' })
  @OptionalNotNull()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ description: 'Active (default true)' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: SCHEDULE_DOC, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  schedule?: string | null;
}
