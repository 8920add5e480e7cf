import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ChartCanvas } from '../chart-canvas/chart-canvas';
import { ChartDataTable } from '../chart-data-table/chart-data-table';
import { AnyChartConfig, barDatasets, baseOptions } from '../chart-options';
import { ChartTheme, ChartTone, formatChartNumber } from '../chart-theme';

/** One bar of a histogram: values in [from, to) (the last bin includes `to`). */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** Splits numbers into `binCount` equal-width bins between their min and max. */
export function binValues(values: readonly number[], binCount = 10): HistogramBin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length || binCount < 1) return [];
  let min = finite[0];
  let max = finite[0];
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ from: min, to: max, count: finite.length }];
  const width = (max - min) / binCount;
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: min + i * width,
    to: i === binCount - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const v of finite) bins[Math.min(binCount - 1, Math.floor((v - min) / width))].count += 1;
  return bins;
}

/**
 * The distribution of a numeric column: touching bars over value ranges.
 *
 * ```html
 * <dqw-histogram label="Order amounts" [bins]="bins" valueHeader="Amount" />
 * ```
 */
@Component({
  selector: 'dqw-histogram',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartCanvas, ChartDataTable],
  template: `
    <div [style.height.px]="height()">
      @defer (on immediate) {
        <dqw-chart-canvas [config]="config()" [label]="summary()" />
      } @placeholder {
        <div class="chart-placeholder"></div>
      }
    </div>
    <dqw-chart-data-table
      [caption]="label()"
      [categoryHeader]="valueHeader()"
      [categories]="categories()"
      [series]="[{ label: 'Rows', values: counts() }]"
    />
  `,
  styleUrl: '../chart-frame.scss',
})
export class Histogram {
  readonly label = input.required<string>();
  readonly bins = input.required<readonly HistogramBin[]>();
  readonly valueHeader = input('Range');
  readonly tone = input<ChartTone>('primary');
  readonly height = input(160);
  private readonly theme = inject(ChartTheme);

  protected readonly categories = computed(() =>
    this.bins().map((b) => `${formatChartNumber(b.from)} – ${formatChartNumber(b.to)}`),
  );
  protected readonly counts = computed(() => this.bins().map((b) => b.count));
  protected readonly summary = computed(
    () => `${this.label()}: histogram of ${this.bins().length} ranges. The counts follow as a table.`,
  );

  protected readonly config = computed<AnyChartConfig>(() => {
    const colors = this.theme.colors();
    return {
      type: 'bar',
      data: {
        labels: this.categories(),
        datasets: barDatasets([{ label: 'Rows', values: this.counts(), tone: this.tone() }], colors, true),
      },
      options: baseOptions(colors, { maxLabelLength: 14 }),
    } as AnyChartConfig;
  });
}
