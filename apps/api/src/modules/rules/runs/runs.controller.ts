import { EvidenceDto, LatestRunsDto, Paged, RunDetailDto, RunWithPlanDto } from '@dqw/shared-types';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyRole } from '../../../core/auth/access.decorators';
import { ErrorBodyDto } from '../../../core/http/error-body.dto';
import { LatestRunsQueryDto, RunListQueryDto } from '../dto/run-requests.dto';
import { EvidenceResponse, LatestRunsResponse, RunDetailResponse, RunPage } from '../dto/rule-responses.dto';
import { evidenceCsv } from '../evidence/evidence-csv';
import { RunsService } from './runs.service';

@ApiTags('runs')
@Controller('runs')
@AnyRole()
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @ApiOperation({
    summary: 'List runs (filter by dataset, rule, status, verdict, trigger, time), newest first',
  })
  @ApiOkResponse({ type: RunPage })
  list(@Query() q: RunListQueryDto): Promise<Paged<RunDetailDto>> {
    return this.runs.list(q);
  }

  // Before ':id', which would take "latest" for an id.
  @Get('latest')
  @ApiOperation({
    summary: "Each listed rule's newest run, in one request (a page of the rules list's badges)",
  })
  @ApiOkResponse({ type: LatestRunsResponse })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'ruleIds missing, over 200 or not ids' })
  latest(@Query() q: LatestRunsQueryDto): Promise<LatestRunsDto> {
    return this.runs.latest(q.ruleIds);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run, with the rule text it checked and its plan' })
  @ApiOkResponse({ type: RunDetailResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such run' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RunWithPlanDto> {
    return this.runs.get(id);
  }

  @Get(':id/evidence')
  @ApiOperation({ summary: 'Failing rows kept for a finished run' })
  @ApiOkResponse({ type: EvidenceResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such run' })
  @ApiGoneResponse({ type: ErrorBodyDto, description: 'Evidence pruned by retention' })
  evidence(@Param('id', ParseUUIDPipe) id: string): Promise<EvidenceDto> {
    return this.runs.evidenceOf(id);
  }

  @Get(':id/evidence.csv')
  @ApiOperation({ summary: 'Failing rows as CSV (spreadsheet formulas neutralised)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV: row_number, then every column of the dataset' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such run' })
  @ApiGoneResponse({ type: ErrorBodyDto, description: 'Evidence pruned by retention' })
  async evidenceCsv(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const evidence = await this.runs.evidenceOf(id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="run-${id}-evidence.csv"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return evidenceCsv(evidence);
  }
}
