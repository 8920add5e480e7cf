import {
  DASHBOARD_BREAKDOWNS,
  RULE_PASS_RATE_SORTS,
  type DashboardBreakdown,
  type DashboardStatsQuery,
  type DashboardTrendsQuery,
  type IncidentHeatmapQuery,
  type RulePassRateSort,
  type RulePassRatesQuery,
} from '@dqw/shared-types';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../core/http/page-query.dto';

export const MAX_DAYS = 365;
export const DEFAULT_DAYS = 30;

const DAYS_MESSAGE = `days must be a whole number from 1 to ${MAX_DAYS}`;

/** `days` (1–365) and `datasetId`, shared by the range endpoints. */
export class DashboardRangeQueryDto implements DashboardTrendsQuery, IncidentHeatmapQuery {
  @ApiPropertyOptional({
    description: 'Today (UTC) and the days before it',
    default: DEFAULT_DAYS,
    minimum: 1,
    maximum: MAX_DAYS,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: DAYS_MESSAGE })
  @Min(1, { message: DAYS_MESSAGE })
  @Max(MAX_DAYS, { message: DAYS_MESSAGE })
  days?: number;

  @ApiPropertyOptional({ description: 'Only this dataset (404 when it does not exist)' })
  @IsOptional()
  @IsUUID('all', { message: 'datasetId must be a dataset id (UUID)' })
  datasetId?: string;
}

export class DashboardStatsQueryDto implements DashboardStatsQuery {
  @ApiPropertyOptional({ description: 'Only this dataset (404 when it does not exist)' })
  @IsOptional()
  @IsUUID('all', { message: 'datasetId must be a dataset id (UUID)' })
  datasetId?: string;

  @ApiPropertyOptional({
    enum: DASHBOARD_BREAKDOWNS,
    default: 'rules',
    description: 'rules: every dataset and rule behind the score; datasets: per dataset only; none',
  })
  @IsOptional()
  @IsIn(DASHBOARD_BREAKDOWNS, { message: `breakdown must be one of ${DASHBOARD_BREAKDOWNS.join(', ')}` })
  breakdown?: DashboardBreakdown;
}

export class DayQueryDto {
  @ApiPropertyOptional({ description: 'Only this dataset (404 when it does not exist)' })
  @IsOptional()
  @IsUUID('all', { message: 'datasetId must be a dataset id (UUID)' })
  datasetId?: string;
}

export class RulePassRatesQueryDto extends PageQueryDto implements RulePassRatesQuery {
  @ApiPropertyOptional({
    description: 'Today (UTC) and the days before it',
    default: DEFAULT_DAYS,
    minimum: 1,
    maximum: MAX_DAYS,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: DAYS_MESSAGE })
  @Min(1, { message: DAYS_MESSAGE })
  @Max(MAX_DAYS, { message: DAYS_MESSAGE })
  days?: number;

  @ApiPropertyOptional({ description: 'Only rules of this dataset (404 when it does not exist)' })
  @IsOptional()
  @IsUUID('all', { message: 'datasetId must be a dataset id (UUID)' })
  datasetId?: string;

  @ApiPropertyOptional({
    enum: RULE_PASS_RATE_SORTS,
    default: 'passRate',
    description: 'passRate: worst first; -passRate: best first; runs/-runs: fewest/most runs; name',
  })
  @IsOptional()
  @IsIn(RULE_PASS_RATE_SORTS, { message: `sort must be one of ${RULE_PASS_RATE_SORTS.join(', ')}` })
  sort?: RulePassRateSort;
}
