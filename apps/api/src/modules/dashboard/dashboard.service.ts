import {
  QUALITY_DIMENSIONS,
  RULE_DIMENSIONS,
  SEVERITY_WEIGHTS,
  type DashboardStatsDto,
  type DashboardTrendsDto,
  type DayScoreDto,
  type HeatmapCellDto,
  type HeatmapRowDto,
  type IncidentHeatmapDto,
  type QualityDimension,
  type RulePassRateDto,
  type RulePassRatesDto,
  type TrendDayDto,
} from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '../../core/http/domain-errors';
import type {
  DashboardRangeQueryDto,
  DashboardStatsQueryDto,
  DayQueryDto,
  HeatmapQueryDto,
  RulePassRatesQueryDto,
} from './dto/dashboard-queries.dto';
import { DEFAULT_DAYS } from './dto/dashboard-queries.dto';
import { DashboardRepository, type RuleWindowRow } from './dashboard.repository';
import { lastDays, parseDay } from './days';
import { computeQualityScore, dimensionOf } from './quality-score';

const DAY_MS = 86_400_000;
const DEFAULT_HEATMAP_ROWS = 20;

/** The dashboard's read models: the current score with its breakdown, daily trends, pass rates, heatmap. */
@Injectable()
export class DashboardService {
  constructor(private readonly repo: DashboardRepository) {}

  private now(): Date {
    return new Date();
  }

  async stats(q: DashboardStatsQueryDto): Promise<DashboardStatsDto> {
    const datasetId = await this.checkDataset(q.datasetId);
    const breakdown = q.breakdown ?? 'datasets';
    const now = this.now();
    const [rules, counts, incidents, runs] = await Promise.all([
      this.repo.currentRules(datasetId ? [datasetId] : null),
      this.repo.counts(datasetId),
      this.repo.incidents(datasetId),
      this.repo.runsSince(new Date(now.getTime() - DAY_MS), datasetId),
    ]);
    const score = computeQualityScore(rules, { withRules: breakdown === 'rules' });
    const finished = runs.passed + runs.failed + runs.error;
    return {
      qualityScore: score.score,
      openIncidents: incidents.open,
      runsLast24h: finished,
      passRateLast24h: finished ? runs.passed / finished : null,
      datasets: counts.datasets,
      activeRules: counts.activeRules,
      slaBreachesOpen: incidents.breached,
      generatedAt: now.toISOString(),
      scoredDatasets: score.scoredDatasets,
      dimensions: score.dimensions,
      runsLast24hByStatus: runs,
      breakdown:
        breakdown === 'none'
          ? null
          : {
              weights: { ...SEVERITY_WEIGHTS },
              dimensionOf: { ...RULE_DIMENSIONS },
              datasets: score.datasets,
            },
    };
  }

  async trends(q: DashboardRangeQueryDto): Promise<DashboardTrendsDto> {
    const datasetId = await this.checkDataset(q.datasetId);
    const range = lastDays(q.days ?? DEFAULT_DAYS, this.now());
    const rows = new Map((await this.repo.days(range[0].day, datasetId)).map((r) => [r.day, r]));
    const items: TrendDayDto[] = range.map(({ day, from, to }) => {
      const r = rows.get(day);
      const dimensions = Object.fromEntries(
        QUALITY_DIMENSIONS.map((d) => [d, r && r.dims[d].n > 0 ? r.dims[d].sum / r.dims[d].n : null]),
      ) as Record<QualityDimension, number | null>;
      const passed = r?.passed ?? 0;
      const failed = r?.failed ?? 0;
      const errored = r?.errored ?? 0;
      return {
        day,
        from: from.toISOString(),
        to: to.toISOString(),
        runs: passed + failed + errored,
        passed,
        failed,
        errored,
        qualityScore: r && r.datasets > 0 ? r.scoreSum / r.datasets : null,
        dimensions,
        datasets: r?.datasets ?? 0,
      };
    });
    return {
      days: range.length,
      datasetId,
      from: range[0].from.toISOString(),
      to: range[range.length - 1].to.toISOString(),
      items,
    };
  }

  /** The rules and runs behind one day's score (the trend's drill-down). */
  async day(day: string, q: DayQueryDto): Promise<DayScoreDto> {
    const w = parseDay(day);
    if (!w) {
      throw new InvalidInputError(`day must be a calendar day as YYYY-MM-DD (got "${day.slice(0, 40)}")`, [
        { field: 'day', messages: ['day must be a calendar day as YYYY-MM-DD'] },
      ]);
    }
    const datasetId = await this.checkDataset(q.datasetId);
    const breakdown = q.breakdown ?? 'datasets';
    const score = computeQualityScore(await this.repo.dayRules(w.day, datasetId), {
      withRules: breakdown === 'rules',
    });
    return {
      day: w.day,
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      qualityScore: score.score,
      dimensions: score.dimensions,
      datasets: breakdown === 'none' ? [] : score.datasets,
    };
  }

  async rulePassRates(q: RulePassRatesQueryDto): Promise<RulePassRatesDto> {
    const datasetId = await this.checkDataset(q.datasetId);
    const range = lastDays(q.days ?? DEFAULT_DAYS, this.now());
    const rows = (await this.repo.ruleWindows(range[0].day, datasetId))
      .map(toPassRate)
      .filter((r) => r.runs > 0);
    rows.sort(SORTS[q.sort ?? 'passRate']);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    return {
      items: rows.slice((page - 1) * pageSize, page * pageSize),
      total: rows.length,
      page,
      pageSize,
      days: range.length,
      from: range[0].from.toISOString(),
      to: range[range.length - 1].to.toISOString(),
    };
  }

  async heatmap(q: HeatmapQueryDto): Promise<IncidentHeatmapDto> {
    const datasetId = await this.checkDataset(q.datasetId);
    const now = this.now();
    const range = lastDays(q.days ?? DEFAULT_DAYS, now);
    const data = await this.repo.heatmap(range, datasetId, now, q.limit ?? DEFAULT_HEATMAP_ROWS);
    const rows = new Map<string, HeatmapRowDto>(data.top.map((t) => [t.datasetId, { ...t, cells: [] }]));
    const cells = new Map<string, HeatmapCellDto>();
    for (const c of data.cells) {
      const key = `${c.datasetId}|${c.day}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { day: c.day, opened: 0, bySeverity: { HIGH: 0, MEDIUM: 0, LOW: 0 } };
        cells.set(key, cell);
        rows.get(c.datasetId)?.cells.push(cell);
      }
      cell.opened += c.n;
      if (c.severity in cell.bySeverity) cell.bySeverity[c.severity] += c.n;
    }
    const out = [...rows.values()];
    for (const row of out) row.cells.sort((a, b) => a.day.localeCompare(b.day));
    return {
      days: range.length,
      from: range[0].from.toISOString(),
      to: range[range.length - 1].to.toISOString(),
      dayList: range.map((d) => ({ day: d.day, from: d.from.toISOString(), to: d.to.toISOString() })),
      rows: out,
      datasets: data.ranked.length,
      max: Math.max(0, ...[...cells.values()].map((c) => c.opened)),
      total: data.ranked.reduce((n, r) => n + r.total, 0),
    };
  }

  private async checkDataset(id: string | undefined): Promise<string | null> {
    if (id === undefined) return null;
    if (!(await this.repo.datasetExists(id))) throw new NotFoundError('Dataset', id);
    return id;
  }
}

function toPassRate(r: RuleWindowRow): RulePassRateDto {
  const runs = r.passed + r.failed + r.errored;
  const measured = r.passed + r.failed;
  return {
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    datasetId: r.datasetId,
    datasetName: r.datasetName,
    type: r.type,
    dimension: dimensionOf(r.type),
    severity: r.severity,
    active: r.active,
    runs,
    passed: r.passed,
    failed: r.failed,
    errored: r.errored,
    passRate: runs ? r.passed / runs : 0,
    meanRowPassRate: measured ? r.passRateSum / measured : null,
    lastRunId: r.lastRunId,
    lastRunAt: r.lastRunAt,
  };
}

type Cmp = (a: RulePassRateDto, b: RulePassRateDto) => number;
const byName: Cmp = (a, b) => a.ruleName.localeCompare(b.ruleName) || a.ruleId.localeCompare(b.ruleId);
const SORTS: Record<NonNullable<RulePassRatesQueryDto['sort']>, Cmp> = {
  passRate: (a, b) => a.passRate - b.passRate || b.runs - a.runs || byName(a, b),
  '-passRate': (a, b) => b.passRate - a.passRate || b.runs - a.runs || byName(a, b),
  runs: (a, b) => a.runs - b.runs || byName(a, b),
  '-runs': (a, b) => b.runs - a.runs || byName(a, b),
  name: byName,
};
