import {
  QUALITY_DIMENSIONS,
  RULE_TYPES,
  RUN_STATUSES,
  SEVERITIES,
  type DashboardStatsDto,
  type DashboardTrendsDto,
  type DatasetScoreDto,
  type DayScoreDto,
  type DimensionScoreDto,
  type HeatmapCellDto,
  type HeatmapRowDto,
  type IncidentHeatmapDto,
  type QualityBreakdownDto,
  type QualityDimension,
  type RuleContributionDto,
  type RulePassRateDto,
  type RulePassRatesDto,
  type RuleType,
  type RunStatus,
  type ScorePartDto,
  type Severity,
  type TrendDayDto,
} from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';

const SCORE = { type: Number, nullable: true, description: '0–100, null when nothing was measured' };
/** A map keyed by dimension, severity or status (OpenAPI: an object with additionalProperties). */
const keyed = (
  description: string,
  keys: readonly string[],
  value: ApiPropertyOptions['additionalProperties'],
): ApiPropertyOptions =>
  ({
    description: `${description}; keys: ${keys.join(', ')}`,
    type: 'object',
    additionalProperties: value,
  }) as ApiPropertyOptions;
const byDimension = (description: string, model?: string): ApiPropertyOptions =>
  keyed(
    description,
    QUALITY_DIMENSIONS,
    model ? { $ref: getSchemaPath(model) } : { type: 'number', nullable: true },
  );
const bySeverity = (description: string): ApiPropertyOptions =>
  keyed(description, SEVERITIES, { type: 'integer' });

export class ScorePartResponse implements ScorePartDto {
  @ApiProperty(SCORE) score!: number | null;
  @ApiProperty({ description: 'Σ weight of the rules with a finished run' }) weight!: number;
  @ApiProperty({ description: 'Σ weight × pass share' }) weightedPass!: number;
  @ApiProperty({ description: 'Rules with a finished run' }) rules!: number;
}

export class DimensionScoreResponse implements DimensionScoreDto {
  @ApiProperty(SCORE) score!: number | null;
  @ApiProperty({ description: 'Datasets the mean is over' }) datasets!: number;
  @ApiProperty({ description: 'Rules of the dimension with a finished run' }) rules!: number;
}

class ContributionRunResponse {
  @ApiProperty({ description: 'Run id' }) id!: string;
  @ApiProperty({ enum: ['passed', 'failed', 'error'], description: 'Verdict of the run' }) status!:
    'passed' | 'failed' | 'error';
  @ApiProperty({ type: Number, nullable: true, description: '0–1; null for an ERROR run' })
  passRate!: number | null;
  @ApiProperty({ description: 'Queued at (ISO 8601)' }) queuedAt!: string;
}

export class RuleContributionResponse implements RuleContributionDto {
  @ApiProperty({ description: 'Rule id' }) ruleId!: string;
  @ApiProperty({ description: 'Rule name' }) ruleName!: string;
  @ApiProperty({ enum: RULE_TYPES, description: 'Rule type, derived from the DSL' }) type!: RuleType;
  @ApiProperty({ enum: QUALITY_DIMENSIONS, description: 'Quality dimension of the rule type' })
  dimension!: QualityDimension;
  @ApiProperty({ enum: SEVERITIES, description: 'Severity of the rule' }) severity!: Severity;
  @ApiProperty({ description: 'HIGH 3, MEDIUM 2, LOW 1' }) weight!: number;
  @ApiProperty({ type: ContributionRunResponse, nullable: true, description: 'Latest finished run' })
  run!: ContributionRunResponse | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass rate of the run (ERROR: 0); null without a run',
  })
  passShare!: number | null;
  @ApiProperty({ description: 'weight × passShare' }) weightedPass!: number;
}

export class DatasetScoreResponse extends ScorePartResponse implements DatasetScoreDto {
  @ApiProperty({ description: 'Dataset id' }) datasetId!: string;
  @ApiProperty({ description: 'Dataset name' }) datasetName!: string;
  @ApiProperty(byDimension('The score restricted to each dimension', 'ScorePartResponse'))
  dimensions!: Record<QualityDimension, ScorePartResponse>;
  @ApiPropertyOptional({ type: [RuleContributionResponse], description: 'With breakdown=rules' })
  ruleContributions?: RuleContributionResponse[];
}

export class QualityBreakdownResponse implements QualityBreakdownDto {
  @ApiProperty(bySeverity('Weight per severity')) weights!: Record<Severity, number>;
  @ApiProperty(keyed('Dimension of each rule type', RULE_TYPES, { type: 'string' }))
  dimensionOf!: Record<RuleType, QualityDimension>;
  @ApiProperty({ type: [DatasetScoreResponse], description: 'Lowest score first, unscored last' })
  datasets!: DatasetScoreResponse[];
}

export class DashboardStatsResponse implements DashboardStatsDto {
  @ApiProperty(SCORE) qualityScore!: number | null;
  @ApiProperty(bySeverity('OPEN or ACKNOWLEDGED incidents')) openIncidents!: Record<Severity, number>;
  @ApiProperty({ description: 'Runs queued in the last 24 h that finished' }) runsLast24h!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share (0–1) of those that passed' })
  passRateLast24h!: number | null;
  @ApiProperty({ description: 'Datasets' }) datasets!: number;
  @ApiProperty({ description: 'Active rules' }) activeRules!: number;
  @ApiProperty({ description: 'Unresolved incidents with an SLA breach' }) slaBreachesOpen!: number;
  @ApiProperty({ description: 'When this answer was computed (ISO 8601)' }) generatedAt!: string;
  @ApiProperty({ description: 'Datasets the overall score is the mean over' }) scoredDatasets!: number;
  @ApiProperty(byDimension('Score per dimension', 'DimensionScoreResponse'))
  dimensions!: Record<QualityDimension, DimensionScoreResponse>;
  @ApiProperty(keyed('Last 24 h by run status', RUN_STATUSES, { type: 'integer' }))
  runsLast24hByStatus!: Record<RunStatus, number>;
  @ApiProperty({ type: QualityBreakdownResponse, nullable: true, description: 'Null with breakdown=none' })
  breakdown!: QualityBreakdownResponse | null;
}

export class TrendDayResponse implements TrendDayDto {
  @ApiProperty({ description: 'UTC day, YYYY-MM-DD' }) day!: string;
  @ApiProperty({ description: 'Start of the day (ISO 8601): GET /api/runs?from=' }) from!: string;
  @ApiProperty({ description: 'End of the day, exclusive: GET /api/runs?to=' }) to!: string;
  @ApiProperty({ description: 'Finished runs queued that day' }) runs!: number;
  @ApiProperty({ description: 'Runs that passed' }) passed!: number;
  @ApiProperty({ description: 'Runs that failed' }) failed!: number;
  @ApiProperty({ description: 'Runs that ended in ERROR' }) errored!: number;
  @ApiProperty({ ...SCORE, description: 'The score over the rules that ran that day; null without runs' })
  qualityScore!: number | null;
  @ApiProperty(byDimension('The day score per dimension')) dimensions!: Record<
    QualityDimension,
    number | null
  >;
  @ApiProperty({ description: 'Datasets the day score is the mean over' }) datasets!: number;
}

export class DashboardTrendsResponse implements DashboardTrendsDto {
  @ApiProperty({ description: 'Days in the range' }) days!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The dataset filter, null for all datasets' })
  datasetId!: string | null;
  @ApiProperty({ description: 'Start of the range (ISO 8601)' }) from!: string;
  @ApiProperty({ description: 'End of the range, exclusive (ISO 8601)' }) to!: string;
  @ApiProperty({ type: [TrendDayResponse], description: 'Oldest first, every day of the range' })
  items!: TrendDayResponse[];
}

export class DayScoreResponse implements DayScoreDto {
  @ApiProperty({ description: 'UTC day, YYYY-MM-DD' }) day!: string;
  @ApiProperty({ description: 'Start of the day (ISO 8601)' }) from!: string;
  @ApiProperty({ description: 'End of the day, exclusive (ISO 8601)' }) to!: string;
  @ApiProperty(SCORE) qualityScore!: number | null;
  @ApiProperty(byDimension('Score per dimension', 'DimensionScoreResponse'))
  dimensions!: Record<QualityDimension, DimensionScoreResponse>;
  @ApiProperty({
    type: [DatasetScoreResponse],
    description: 'Each dataset that ran that day (empty with breakdown=none)',
  })
  datasets!: DatasetScoreResponse[];
}

export class RulePassRateResponse implements RulePassRateDto {
  @ApiProperty({ description: 'Rule id' }) ruleId!: string;
  @ApiProperty({ description: 'Rule name' }) ruleName!: string;
  @ApiProperty({ description: 'Dataset id' }) datasetId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Dataset name' }) datasetName!: string | null;
  @ApiProperty({ enum: RULE_TYPES, description: 'Rule type, derived from the DSL' }) type!: RuleType;
  @ApiProperty({ enum: QUALITY_DIMENSIONS, description: 'Quality dimension of the rule type' })
  dimension!: QualityDimension;
  @ApiProperty({ enum: SEVERITIES, description: 'Severity of the rule' }) severity!: Severity;
  @ApiProperty({ description: 'Whether the rule is active now' }) active!: boolean;
  @ApiProperty({ description: 'Finished runs queued in the window' }) runs!: number;
  @ApiProperty({ description: 'Runs that passed' }) passed!: number;
  @ApiProperty({ description: 'Runs that failed' }) failed!: number;
  @ApiProperty({ description: 'Runs that ended in ERROR' }) errored!: number;
  @ApiProperty({ description: 'passed / runs (0–1)' }) passRate!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean row-level pass rate of passed and failed runs',
  })
  meanRowPassRate!: number | null;
  @ApiProperty({ description: 'The latest run in the window' }) lastRunId!: string;
  @ApiProperty({ description: 'When the latest run in the window was queued (ISO 8601)' }) lastRunAt!: string;
}

export class RulePassRatesResponse implements RulePassRatesDto {
  @ApiProperty({ type: [RulePassRateResponse], description: 'Rules, lowest pass rate first' })
  items!: RulePassRateResponse[];
  @ApiProperty({ description: 'Rules with runs in the window' }) total!: number;
  @ApiProperty({ description: 'Page number, from 1' }) page!: number;
  @ApiProperty({ description: 'Items per page' }) pageSize!: number;
  @ApiProperty({ description: 'Days in the range' }) days!: number;
  @ApiProperty({ description: 'Start of the range (ISO 8601)' }) from!: string;
  @ApiProperty({ description: 'End of the range, exclusive (ISO 8601)' }) to!: string;
}

export class HeatmapCellResponse implements HeatmapCellDto {
  @ApiProperty({ description: 'UTC day' }) day!: string;
  @ApiProperty({ description: 'Incidents opened that day' }) opened!: number;
  @ApiProperty(bySeverity('By severity')) bySeverity!: Record<Severity, number>;
}

export class HeatmapRowResponse implements HeatmapRowDto {
  @ApiProperty({ description: 'Dataset id' }) datasetId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the dataset was deleted' })
  datasetName!: string | null;
  @ApiProperty({ description: 'Incidents opened in the range' }) total!: number;
  @ApiProperty({ type: [HeatmapCellResponse], description: 'Days with incidents' })
  cells!: HeatmapCellResponse[];
}

class HeatmapDayResponse {
  @ApiProperty({ description: 'UTC day, YYYY-MM-DD' }) day!: string;
  @ApiProperty({ description: 'GET /api/incidents?from=' }) from!: string;
  @ApiProperty({ description: 'GET /api/incidents?to=' }) to!: string;
}

export class IncidentHeatmapResponse implements IncidentHeatmapDto {
  @ApiProperty({ description: 'Days in the range' }) days!: number;
  @ApiProperty({ description: 'Start of the range (ISO 8601)' }) from!: string;
  @ApiProperty({ description: 'End of the range, exclusive (ISO 8601)' }) to!: string;
  @ApiProperty({ type: [HeatmapDayResponse], description: 'Every day of the range, oldest first' })
  dayList!: HeatmapDayResponse[];
  @ApiProperty({ type: [HeatmapRowResponse], description: 'Most incidents first' })
  rows!: HeatmapRowResponse[];
  @ApiProperty({ description: 'Datasets with incidents in the range (also those past limit)' })
  datasets!: number;
  @ApiProperty({ description: 'Largest cell' }) max!: number;
  @ApiProperty({ description: 'Incidents opened in the range' }) total!: number;
}
