import { DashboardTrendsDto, IncidentHeatmapDto, RulePassRateDto, TrendDayDto } from '@dqw/shared-types';
import {
  dayLabel,
  dimensionScores,
  formatScore,
  heatmapGrid,
  openIncidentTotal,
  passRateChart,
  stageOf,
  trendCharts,
} from './dashboard-shape';

const dims = {
  completeness: null,
  uniqueness: null,
  validity: null,
  consistency: null,
  timeliness: null,
  volume: null,
};

function day(
  d: string,
  passed: number,
  failed: number,
  errored: number,
  qualityScore: number | null,
): TrendDayDto {
  return {
    day: d,
    from: `${d}T00:00:00.000Z`,
    to: `${d}T23:59:59.999Z`,
    runs: passed + failed + errored,
    passed,
    failed,
    errored,
    qualityScore,
    dimensions: dims,
    datasets: 1,
  };
}

describe('dashboard data shaping', () => {
  it('labels UTC days the same in every time zone', () => {
    expect(dayLabel('2026-01-05')).toBe('Jan 5');
    expect(dayLabel('2026-12-31')).toBe('Dec 31');
  });

  it('shows scores with one decimal and a dash for "not measured"', () => {
    expect(formatScore(87.456)).toBe('87.5');
    expect(formatScore(100)).toBe('100.0');
    expect(formatScore(null)).toBe('–');
  });

  it('tells a new installation and datasets without rules from a working dashboard', () => {
    expect(stageOf({ datasets: 0, activeRules: 0 })).toBe('no-datasets');
    expect(stageOf({ datasets: 2, activeRules: 0 })).toBe('no-rules');
    expect(stageOf({ datasets: 2, activeRules: 5 })).toBe('ready');
  });

  it('adds up open incidents over the severities', () => {
    expect(openIncidentTotal({ openIncidents: { HIGH: 2, MEDIUM: 3, LOW: 1 } })).toBe(6);
  });

  it('lists every dimension in a fixed order, measured or not', () => {
    const scores = dimensionScores({
      dimensions: {
        completeness: { score: 90, datasets: 1, rules: 2 },
        uniqueness: { score: null, datasets: 0, rules: 0 },
        validity: { score: 75, datasets: 2, rules: 4 },
        consistency: { score: null, datasets: 0, rules: 0 },
        timeliness: { score: null, datasets: 0, rules: 0 },
        volume: { score: 100, datasets: 1, rules: 1 },
      },
    });
    expect(scores.map((s) => [s.label, s.score])).toEqual([
      ['Completeness', 90],
      ['Uniqueness', null],
      ['Validity', 75],
      ['Consistency', null],
      ['Timeliness', null],
      ['Volume', 100],
    ]);
  });

  it('turns the trend into run and score series, with the days that had runs newest first', () => {
    const trends: DashboardTrendsDto = {
      days: 3,
      datasetId: null,
      from: '2026-01-03T00:00:00.000Z',
      to: '2026-01-06T00:00:00.000Z',
      items: [
        day('2026-01-03', 4, 1, 0, 80),
        day('2026-01-04', 0, 0, 0, null),
        day('2026-01-05', 5, 0, 1, 95.5),
      ],
    };
    const chart = trendCharts(trends);
    expect(chart.categories).toEqual(['Jan 3', 'Jan 4', 'Jan 5']);
    expect(chart.runs.map((s) => [s.label, s.values])).toEqual([
      ['Passed', [4, 0, 5]],
      ['Failed', [1, 0, 0]],
      ['Errored', [0, 0, 1]],
    ]);
    // A day without runs has no score: a gap in the line, not a drop to 0.
    expect(chart.score[0].values).toEqual([80, null, 95.5]);
    expect(chart.daysWithRuns.map((d) => [d.index, d.day, d.runs])).toEqual([
      [2, '2026-01-05', 6],
      [0, '2026-01-03', 5],
    ]);
  });

  it('shows pass rates as percentages and names the dataset when several are shown', () => {
    const rule = (name: string, passRate: number) =>
      ({ ruleName: name, datasetName: 'orders', passRate }) as RulePassRateDto;
    const rules = [rule('email not null', 2 / 3), rule('id unique', 1)];
    expect(passRateChart(rules, true)).toEqual({
      categories: ['email not null (orders)', 'id unique (orders)'],
      series: [{ label: 'Runs passed', values: [66.7, 100], tone: 'success' }],
    });
    expect(passRateChart(rules, false).categories).toEqual(['email not null', 'id unique']);
  });

  it('lays the heatmap out as datasets × every day of the range, zero where nothing opened', () => {
    const sev = { HIGH: 0, MEDIUM: 0, LOW: 0 };
    const heatmap: IncidentHeatmapDto = {
      days: 3,
      from: '2026-01-03T00:00:00.000Z',
      to: '2026-01-06T00:00:00.000Z',
      dayList: ['2026-01-03', '2026-01-04', '2026-01-05'].map((d) => ({ day: d, from: d, to: d })),
      rows: [
        {
          datasetId: 'a',
          datasetName: 'orders',
          total: 3,
          cells: [{ day: '2026-01-05', opened: 3, bySeverity: sev }],
        },
        {
          datasetId: 'b',
          datasetName: null,
          total: 2,
          cells: [
            { day: '2026-01-03', opened: 1, bySeverity: sev },
            { day: '2026-01-04', opened: 1, bySeverity: sev },
          ],
        },
      ],
      datasets: 2,
      max: 3,
      total: 5,
    };
    expect(heatmapGrid(heatmap)).toEqual({
      rows: ['orders', 'Deleted dataset'],
      rowIds: ['a', 'b'],
      columns: ['Jan 3', 'Jan 4', 'Jan 5'],
      days: ['2026-01-03', '2026-01-04', '2026-01-05'],
      values: [
        [0, 0, 3],
        [1, 1, 0],
      ],
    });
  });
});
