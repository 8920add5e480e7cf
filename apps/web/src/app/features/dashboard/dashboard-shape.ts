import {
  DashboardStatsDto,
  DashboardTrendsDto,
  IncidentHeatmapDto,
  QUALITY_DIMENSIONS,
  QualityDimension,
  RulePassRateDto,
  Severity,
} from '@dqw/shared-types';
import type { ChartSeries } from '../../shared/charts';

/** Most severe first, as the cards and the links list them. */
export const SEVERITY_ORDER: readonly Severity[] = ['HIGH', 'MEDIUM', 'LOW'];

export const DIMENSION_LABELS: Record<QualityDimension, string> = {
  completeness: 'Completeness',
  uniqueness: 'Uniqueness',
  validity: 'Validity',
  consistency: 'Consistency',
  timeliness: 'Timeliness',
  volume: 'Volume',
};

/** "Jan 5" for a UTC day "2026-01-05" (the API's days are UTC days). */
export function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** 0–100 with one decimal ("87.5"), or "–" when nothing was measured. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '–';
  return (Math.round(score * 10) / 10).toFixed(1);
}

/** A chart value as a percentage ("92 %"), "–" for none. */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 10) / 10} %`;
}

export function openIncidentTotal(stats: Pick<DashboardStatsDto, 'openIncidents'>): number {
  return SEVERITY_ORDER.reduce((sum, s) => sum + (stats.openIncidents[s] ?? 0), 0);
}

/** What the page shows instead of charts: a new installation, datasets without checks, or the dashboard. */
export type DashboardStage = 'no-datasets' | 'no-rules' | 'ready';

export function stageOf(stats: Pick<DashboardStatsDto, 'datasets' | 'activeRules'>): DashboardStage {
  if (stats.datasets === 0) return 'no-datasets';
  if (stats.activeRules === 0) return 'no-rules';
  return 'ready';
}

export interface DimensionScore {
  dimension: QualityDimension;
  label: string;
  score: number | null;
  rules: number;
}

/** Every dimension in a fixed order, measured or not. */
export function dimensionScores(stats: Pick<DashboardStatsDto, 'dimensions'>): DimensionScore[] {
  return QUALITY_DIMENSIONS.map((dimension) => ({
    dimension,
    label: DIMENSION_LABELS[dimension],
    score: stats.dimensions[dimension]?.score ?? null,
    rules: stats.dimensions[dimension]?.rules ?? 0,
  }));
}

export interface TrendCharts {
  categories: string[];
  runs: ChartSeries[];
  score: ChartSeries[];
  /** Days with runs, newest first (the keyboard way into a day's runs). */
  daysWithRuns: { index: number; day: string; label: string; runs: number }[];
}

export function trendCharts(trends: DashboardTrendsDto): TrendCharts {
  const items = trends.items;
  return {
    categories: items.map((d) => dayLabel(d.day)),
    runs: [
      { label: 'Passed', values: items.map((d) => d.passed), tone: 'success' },
      { label: 'Failed', values: items.map((d) => d.failed), tone: 'danger' },
      { label: 'Errored', values: items.map((d) => d.errored), tone: 'warning' },
    ],
    score: [{ label: 'Quality score', values: items.map((d) => d.qualityScore), tone: 'primary' }],
    daysWithRuns: items
      .map((d, index) => ({ index, day: d.day, label: dayLabel(d.day), runs: d.runs }))
      .filter((d) => d.runs > 0)
      .reverse(),
  };
}

/** The worst rules first, as the API sorts them; the label names the dataset when several are shown. */
export function passRateChart(
  rules: readonly RulePassRateDto[],
  withDataset: boolean,
): { categories: string[]; series: ChartSeries[] } {
  return {
    categories: rules.map((r) =>
      withDataset && r.datasetName ? `${r.ruleName} (${r.datasetName})` : r.ruleName,
    ),
    series: [
      {
        label: 'Runs passed',
        values: rules.map((r) => Math.round(r.passRate * 1000) / 10),
        tone: 'success',
      },
    ],
  };
}

export interface HeatmapGrid {
  rows: string[];
  rowIds: string[];
  columns: string[];
  days: string[];
  values: number[][];
}

/** Datasets × every day of the range (days without incidents are 0). */
export function heatmapGrid(heatmap: IncidentHeatmapDto): HeatmapGrid {
  const days = heatmap.dayList.map((d) => d.day);
  const position = new Map(days.map((d, i) => [d, i]));
  return {
    rows: heatmap.rows.map((r) => r.datasetName ?? 'Deleted dataset'),
    rowIds: heatmap.rows.map((r) => r.datasetId),
    columns: days.map(dayLabel),
    days,
    values: heatmap.rows.map((r) => {
      const values = days.map(() => 0);
      for (const cell of r.cells) {
        const i = position.get(cell.day);
        if (i !== undefined) values[i] = cell.opened;
      }
      return values;
    }),
  };
}
