import {
  LatestRunsQuery,
  RUN_STATUSES,
  RunListQuery,
  RunRulesRequest,
  RunStatus,
  RunTrigger,
  RunVerdict,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';
import { RUN_TRIGGERS, RUN_VERDICTS } from './rule-responses.dto';

export const MAX_RULES_PER_REQUEST = 1000;

export class RunRulesDto implements RunRulesRequest {
  @ApiPropertyOptional({
    type: [String],
    description: 'Rules to run (active or not). With datasetId too, they must belong to it.',
    maxItems: MAX_RULES_PER_REQUEST,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RULES_PER_REQUEST)
  @IsUUID('all', { each: true })
  ruleIds?: string[];

  @ApiPropertyOptional({ description: 'Run every active rule of this dataset (when ruleIds is absent)' })
  @IsOptional()
  @IsUUID()
  datasetId?: string;
}

/** Rules a latest-runs request may name: more than any page of the rules list. */
export const MAX_LATEST_RULES = 200;

export class LatestRunsQueryDto implements LatestRunsQuery {
  @ApiProperty({
    type: [String],
    description: `Rules whose newest run to return: comma-separated or repeated ids (1 to ${MAX_LATEST_RULES})`,
  })
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
      .map((v) => (typeof v === 'string' ? v.trim() : v))
      .filter((v) => v !== ''),
  )
  @IsArray()
  @ArrayMinSize(1, { message: 'ruleIds must name at least one rule' })
  @ArrayMaxSize(MAX_LATEST_RULES, { message: `ruleIds can name at most ${MAX_LATEST_RULES} rules` })
  @IsUUID('all', { each: true, message: 'each of ruleIds must be a rule id (a UUID)' })
  ruleIds!: string[];
}

const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;
const lower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;

export class RunListQueryDto extends PageQueryDto implements RunListQuery {
  @ApiPropertyOptional({ description: 'Only runs of this dataset' })
  @IsOptional()
  @IsUUID()
  datasetId?: string;

  @ApiPropertyOptional({ description: 'Only runs of this rule' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'Only runs in this state' })
  @IsOptional()
  @Transform(lower)
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ enum: RUN_VERDICTS, description: 'Only finished runs with this verdict' })
  @IsOptional()
  @Transform(upper)
  @IsIn(RUN_VERDICTS)
  verdict?: RunVerdict;

  @ApiPropertyOptional({ enum: RUN_TRIGGERS, description: 'Only runs started this way' })
  @IsOptional()
  @IsIn(RUN_TRIGGERS)
  trigger?: RunTrigger;

  @ApiPropertyOptional({ description: 'Queued at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Queued before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
