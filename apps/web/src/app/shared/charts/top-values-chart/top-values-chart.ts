import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TopValue } from '@dqw/shared-types';
import { ChartCanvas } from '../chart-canvas/chart-canvas';
import { ChartDataTable } from '../chart-data-table/chart-data-table';
import { AnyChartConfig, barDatasets, baseOptions } from '../chart-options';
import { ChartSeries, ChartTheme, ChartTone, formatChartNumber } from '../chart-theme';

/**
 * The most frequent values of a column as horizontal bars (a profile's `topValues`). Long values are
 * shortened on the axis; the tooltip and the hidden table keep them whole, with their share of `total`.
 *
 * ```html
 * <dqw-top-values-chart [label]="'Most frequent values of ' + column.name" [values]="column.topValues"
 *   [total]="profile.rowCount" [limit]="5" />
 * ```
 */
@Component({
  selector: 'dqw-top-values-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartCanvas, ChartDataTable],
  template: `
    @if (shown().length) {
      <div [style.height.px]="chartHeight()">
        @defer (on immediate) {
          <dqw-chart-canvas [config]="config()" [label]="summary()" />
        } @placeholder {
          <div class="chart-placeholder"></div>
        }
      </div>
      <dqw-chart-data-table
        [caption]="label()"
        categoryHeader="Value"
        [categories]="categories()"
        [series]="tableSeries()"
        [format]="format"
      />
    } @else {
      <span class="text-body-secondary small">No values</span>
    }
  `,
  styleUrl: '../chart-frame.scss',
})
export class TopValuesChart {
  readonly label = input.required<string>();
  readonly values = input.required<readonly TopValue[]>();
  /** Rows the counts are out of (for the share); 0 hides the share. */
  readonly total = input(0);
  readonly limit = input(5);
  readonly tone = input<ChartTone>('primary');
  /** Pixels per bar. */
  readonly barHeight = input(18);
  private readonly theme = inject(ChartTheme);
  protected readonly format = formatChartNumber;

  protected readonly shown = computed(() => this.values().slice(0, this.limit()));
  protected readonly categories = computed(() => this.shown().map((v) => displayValue(v.value)));
  protected readonly chartHeight = computed(() => 16 + this.shown().length * (this.barHeight() + 6));
  protected readonly summary = computed(() => {
    const top = this.shown()[0];
    const lead = top
      ? ` The most frequent is ${displayValue(top.value)} (${formatChartNumber(top.count)}).`
      : '';
    return `${this.label()}: bar chart.${lead} All values follow as a table.`;
  });

  protected readonly tableSeries = computed<ChartSeries[]>(() => {
    const counts: ChartSeries = { label: 'Rows', values: this.shown().map((v) => v.count) };
    const total = this.total();
    if (!total) return [counts];
    return [counts, { label: 'Share of rows (%)', values: this.shown().map((v) => (100 * v.count) / total) }];
  });

  protected readonly config = computed<AnyChartConfig>(() => {
    const colors = this.theme.colors();
    const series: ChartSeries[] = [
      { label: 'Rows', values: this.shown().map((v) => v.count), tone: this.tone() },
    ];
    const options = baseOptions(colors, { horizontal: true, maxLabelLength: 16 });
    // The value axis is noise in a small multiple: the tooltip has the exact count.
    const scales = options.scales as Record<string, { display?: boolean }>;
    scales['x'] = { ...scales['x'], display: false };
    return {
      type: 'bar',
      data: { labels: this.categories(), datasets: barDatasets(series, colors) },
      options,
    } as AnyChartConfig;
  });
}

/** Empty strings and surrounding spaces are invisible on an axis. */
export function displayValue(value: string): string {
  if (value === '') return '(empty)';
  return value.trim() === value ? value : `"${value}"`;
}
