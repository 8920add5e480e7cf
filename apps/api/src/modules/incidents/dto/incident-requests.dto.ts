import {
  BULK_INCIDENT_ACTIONS,
  BULK_INCIDENT_MAX,
  INCIDENT_COMMENT_MAX_LENGTH,
  INCIDENT_NOTE_MAX_LENGTH,
  INCIDENT_SORTS,
  INCIDENT_STATUSES,
  RESOLUTION_REASONS,
  SEVERITIES,
  type BulkIncidentAction,
  type BulkIncidentRequest,
  type CreateIncidentCommentRequest,
  type IncidentListQuery,
  type IncidentSort,
  type IncidentStatus,
  type ResolutionReason,
  type UpdateIncidentRequest,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';

const NOT_BLANK = /\S/;
const OptionalNotNull = (): PropertyDecorator => ValidateIf((_o, v) => v !== undefined);
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** `OPEN,ACKNOWLEDGED` → checked list; the raw string stays for OpenAPI. */
const listOf = (allowed: readonly string[], name: string) =>
  Matches(new RegExp(`^(${allowed.join('|')})(,(${allowed.join('|')}))*$`), {
    message: `${name} must be one or more of ${allowed.join(', ')}, separated by commas`,
  });

export class IncidentListQueryDto extends PageQueryDto implements IncidentListQuery {
  @ApiPropertyOptional({ description: `One or more of ${INCIDENT_STATUSES.join(', ')} (comma-separated)` })
  @IsOptional()
  @IsString()
  @listOf(INCIDENT_STATUSES, 'status')
  status?: string;

  @ApiPropertyOptional({ description: `One or more of ${SEVERITIES.join(', ')} (comma-separated)` })
  @IsOptional()
  @IsString()
  @listOf(SEVERITIES, 'severity')
  severity?: string;

  @ApiPropertyOptional({ description: 'Dataset id' })
  @IsOptional()
  @IsUUID()
  datasetId?: string;

  @ApiPropertyOptional({ description: 'Rule id' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;

  @ApiPropertyOptional({ description: 'A user id, `me`, or `none` for unassigned incidents' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== 'none' && v !== 'me')
  @IsUUID(undefined, { message: 'assigneeId must be a user id, me or none' })
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'true: at least one SLA breach; false: none' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ description: 'Only flapping (true) or non-flapping (false) incidents' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  flapping?: boolean;

  @ApiPropertyOptional({ description: 'Opened at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Opened before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive search in the title and rule name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: INCIDENT_SORTS, description: 'Default -openedAt (newest first)' })
  @IsOptional()
  @IsIn(INCIDENT_SORTS)
  sort?: IncidentSort;
}

export class UpdateIncidentDto implements UpdateIncidentRequest {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, description: 'New status (409 names the allowed ones)' })
  @OptionalNotNull()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Active Admin or DataEngineer; null to unassign',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({
    description: 'Goes with the change into the timeline; required when resolving',
    maxLength: INCIDENT_NOTE_MAX_LENGTH,
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(INCIDENT_NOTE_MAX_LENGTH)
  note?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'With status MUTED: end of the mute (ISO 8601, in the future); absent or null = until unmuted',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  mutedUntil?: string | null;

  @ApiPropertyOptional({ enum: RESOLUTION_REASONS, description: 'Required with status RESOLVED' })
  @OptionalNotNull()
  @IsIn(RESOLUTION_REASONS)
  resolutionReason?: ResolutionReason;
}

export class CreateCommentDto implements CreateIncidentCommentRequest {
  @ApiProperty({ description: 'Comment text', maxLength: INCIDENT_COMMENT_MAX_LENGTH })
  @IsString()
  @MaxLength(INCIDENT_COMMENT_MAX_LENGTH)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export class BulkIncidentDto implements BulkIncidentRequest {
  @ApiProperty({ type: [String], description: `Incident ids (1–${BULK_INCIDENT_MAX})` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_INCIDENT_MAX)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  ids!: string[];

  @ApiProperty({ enum: BULK_INCIDENT_ACTIONS, description: 'What to do with each incident' })
  @IsIn(BULK_INCIDENT_ACTIONS)
  action!: BulkIncidentAction;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'mute: end of the mute (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  mutedUntil?: string | null;

  @ApiPropertyOptional({ enum: RESOLUTION_REASONS, description: 'resolve: the reason' })
  @OptionalNotNull()
  @IsIn(RESOLUTION_REASONS)
  resolutionReason?: ResolutionReason;

  @ApiPropertyOptional({ description: 'Note for every incident (required for resolve)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(INCIDENT_NOTE_MAX_LENGTH)
  note?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'assign: the user (null to unassign)' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}
