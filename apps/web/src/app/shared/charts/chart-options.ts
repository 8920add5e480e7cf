import type { ChartConfiguration, ChartDataset, ChartOptions } from 'chart.js';
import { ChartColors, ChartSeries, formatChartNumber, toneOf, withAlpha } from './chart-theme';

export interface AxisOptions {
  horizontal?: boolean;
  stacked?: boolean;
  /** Value axis bounds (e.g. 0–100 for percentages). */
  min?: number;
  max?: number;
  format?: (value: number | null) => string;
  legend?: boolean;
  /** Category labels longer than this are shortened on the axis (the tooltip and the table keep them whole). */
  maxLabelLength?: number;
  /** Hovering or clicking anywhere over a category picks it (for charts that drill down on click). */
  pickByCategory?: boolean;
}

export function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Options every chart shares: theme colours, fonts, no animation when the user asks for less motion. */
export function baseOptions(colors: ChartColors, axis: AxisOptions): ChartOptions<'bar' | 'line'> {
  const format = axis.format ?? formatChartNumber;
  const maxLabel = axis.maxLabelLength ?? 24;
  const categoryTicks = {
    color: colors.muted,
    autoSkip: true,
    callback(this: { getLabelForValue(v: number): string }, value: string | number) {
      return shorten(String(this.getLabelForValue(Number(value))), maxLabel);
    },
  };
  const valueTicks = {
    color: colors.muted,
    precision: 0,
    callback: (value: string | number) => format(Number(value)),
  };
  const valueAxis = {
    stacked: axis.stacked ?? false,
    min: axis.min,
    max: axis.max,
    beginAtZero: true,
    grid: { color: colors.grid },
    border: { color: colors.grid },
    ticks: valueTicks,
  };
  const categoryAxis = {
    stacked: axis.stacked ?? false,
    grid: { display: false },
    border: { color: colors.grid },
    ticks: categoryTicks,
  };
  const reduceMotion =
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduceMotion ? false : { duration: 250 },
    indexAxis: axis.horizontal ? 'y' : 'x',
    ...(axis.pickByCategory ? { interaction: { mode: 'index', intersect: false } } : {}),
    color: colors.text,
    font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 },
    scales: axis.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    plugins: {
      legend: {
        display: axis.legend ?? false,
        labels: { color: colors.text, boxWidth: 12, boxHeight: 12 },
      },
      tooltip: {
        backgroundColor: colors.tooltipBg,
        titleColor: '#ffffff',
        bodyColor: '#ffffff',
        callbacks: {
          label: (item) => `${item.dataset.label ?? ''}: ${format(item.parsed[axis.horizontal ? 'x' : 'y'])}`,
        },
      },
    },
  } as ChartOptions<'bar' | 'line'>;
}

export function barDatasets(
  series: readonly ChartSeries[],
  colors: ChartColors,
  dense = false,
): ChartDataset<'bar', (number | null)[]>[] {
  return series.map((s, i) => {
    const color = colors.tones[toneOf(s, i)];
    return {
      label: s.label,
      data: [...s.values],
      backgroundColor: color,
      borderColor: color,
      borderRadius: dense ? 0 : 4,
      maxBarThickness: 42,
      ...(dense ? { barPercentage: 1, categoryPercentage: 1 } : {}),
    };
  });
}

export function lineDatasets(
  series: readonly ChartSeries[],
  colors: ChartColors,
  fill: boolean,
): ChartDataset<'line', (number | null)[]>[] {
  return series.map((s, i) => {
    const color = colors.tones[toneOf(s, i)];
    return {
      label: s.label,
      data: [...s.values],
      borderColor: color,
      backgroundColor: fill ? withAlpha(color, 0.18) : color,
      pointBackgroundColor: color,
      pointRadius: 2.5,
      pointHoverRadius: 5,
      borderWidth: 2,
      tension: 0.25,
      fill,
      spanGaps: false,
    };
  });
}

export type AnyChartConfig = ChartConfiguration<'bar' | 'line'>;
