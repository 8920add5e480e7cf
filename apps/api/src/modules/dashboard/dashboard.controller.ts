import type {
  DashboardStatsDto,
  DashboardTrendsDto,
  DayScoreDto,
  IncidentHeatmapDto,
  RulePassRatesDto,
} from '@dqw/shared-types';
import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AnyRole } from '../../core/auth/access.decorators';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { DashboardService } from './dashboard.service';
import {
  DashboardRangeQueryDto,
  DashboardStatsQueryDto,
  DayQueryDto,
  HeatmapQueryDto,
  RulePassRatesQueryDto,
} from './dto/dashboard-queries.dto';
import {
  DashboardStatsResponse,
  DashboardTrendsResponse,
  DayScoreResponse,
  DimensionScoreResponse,
  IncidentHeatmapResponse,
  RulePassRatesResponse,
  ScorePartResponse,
} from './dto/dashboard-responses.dto';

const BAD = { type: ErrorBodyDto, description: 'A query parameter is not valid (details name it)' };
const NO_DATASET = { type: ErrorBodyDto, description: 'datasetId names no dataset' };

/** Read models of the dashboard (issue 7); every role reads them. Days are UTC. */
@ApiTags('dashboard')
@ApiExtraModels(ScorePartResponse, DimensionScoreResponse)
@Controller('dashboard')
@AnyRole()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('stats')
  @ApiOperation({
    summary:
      'Quality score (overall, per dimension, per dataset and rule), open incidents, last 24 h, counts',
  })
  @ApiOkResponse({ type: DashboardStatsResponse })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse(NO_DATASET)
  stats(@Query() q: DashboardStatsQueryDto): Promise<DashboardStatsDto> {
    return this.dashboard.stats(q);
  }

  @Get('trends')
  @ApiOperation({
    summary: 'Per day: runs passed, failed and errored, and the day score (overall and per dimension)',
  })
  @ApiOkResponse({ type: DashboardTrendsResponse })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse(NO_DATASET)
  trends(@Query() q: DashboardRangeQueryDto): Promise<DashboardTrendsDto> {
    return this.dashboard.trends(q);
  }

  @Get('days/:day')
  @ApiOperation({ summary: "The rules and runs behind one day's score (drill-down of the trend)" })
  @ApiParam({ name: 'day', description: 'UTC day, YYYY-MM-DD', example: '2026-01-31' })
  @ApiOkResponse({ type: DayScoreResponse })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse(NO_DATASET)
  day(@Param('day') day: string, @Query() q: DayQueryDto): Promise<DayScoreDto> {
    return this.dashboard.day(day, q);
  }

  @Get('rule-pass-rates')
  @ApiOperation({ summary: 'Pass rate per rule over the last days (worst first by default)' })
  @ApiOkResponse({ type: RulePassRatesResponse })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse(NO_DATASET)
  rulePassRates(@Query() q: RulePassRatesQueryDto): Promise<RulePassRatesDto> {
    return this.dashboard.rulePassRates(q);
  }

  @Get('heatmap')
  @ApiOperation({ summary: 'Incidents opened per dataset and day' })
  @ApiOkResponse({ type: IncidentHeatmapResponse })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse(NO_DATASET)
  heatmap(@Query() q: HeatmapQueryDto): Promise<IncidentHeatmapDto> {
    return this.dashboard.heatmap(q);
  }
}
