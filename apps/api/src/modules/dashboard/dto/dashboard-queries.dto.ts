import {
  DASHBOARD_BREAKDOWNS,
  RULE_PASS_RATE_SORTS,
  type DashboardBreakdown,
  type DashboardStatsQuery,
  type DashboardTrendsQuery,
  type DayScoreQuery,
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
export class DashboardRangeQueryDto implements DashboardTrendsQuery {
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
    default: 'datasets',
    description:
      'datasets: each dataset with its weights, per dimension too; rules: also every rule and its latest run; none',
  })
  @IsOptional()
  @IsIn(DASHBOARD_BREAKDOWNS, { message: `breakdown must be one of ${DASHBOARD_BREAKDOWNS.join(', ')}` })
  breakdown?: DashboardBreakdown;
}

export class DayQueryDto implements DayScoreQuery {
  @ApiPropertyOptional({ description: 'Only this dataset (404 when it does not exist)' })
  @IsOptional()
  @IsUUID('all', { message: 'datasetId must be a dataset id (UUID)' })
  datasetId?: string;

  @ApiPropertyOptional({
    enum: DASHBOARD_BREAKDOWNS,
    default: 'datasets',
    description:
      'datasets: each dataset that ran that day; rules: also every rule and its last run of the day; none',
  })
  @IsOptional()
  @IsIn(DASHBOARD_BREAKDOWNS, { message: `breakdown must be one of ${DASHBOARD_BREAKDOWNS.join(', ')}` })
  breakdown?: DashboardBreakdown;
}

export const MAX_HEATMAP_ROWS = 200;

export class HeatmapQueryDto extends DashboardRangeQueryDto implements IncidentHeatmapQuery {
  @ApiPropertyOptional({
    description: 'Datasets to return, those with the most incidents first',
    default: 20,
    minimum: 1,
    maximum: MAX_HEATMAP_ROWS,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_HEATMAP_ROWS}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_HEATMAP_ROWS}` })
  @Max(MAX_HEATMAP_ROWS, { message: `limit must be a whole number from 1 to ${MAX_HEATMAP_ROWS}` })
  limit?: number;
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
