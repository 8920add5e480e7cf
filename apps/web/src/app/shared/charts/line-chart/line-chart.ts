import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { ChartCanvas } from '../chart-canvas/chart-canvas';
import { ChartDataTable } from '../chart-data-table/chart-data-table';
import { AnyChartConfig, baseOptions, lineDatasets } from '../chart-options';
import { ChartSeries, ChartTheme, formatChartNumber } from '../chart-theme';

/**
 * Values over an ordered axis (usually days), one line per series; null leaves a gap.
 *
 * ```html
 * <dqw-line-chart label="Passes and failures per day" categoryHeader="Day" [categories]="days"
 *   [series]="[{ label: 'Passed', values: passed, tone: 'success' }, { label: 'Failed', values: failed, tone: 'danger' }]" />
 * ```
 */
@Component({
  selector: 'dqw-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartCanvas, ChartDataTable],
  template: `
    <div [style.height.px]="height()">
      @defer (on immediate) {
        <dqw-chart-canvas
          [config]="config()"
          [label]="summary()"
          [clickable]="clickable()"
          (pick)="pick.emit($event)"
        />
      } @placeholder {
        <div class="chart-placeholder"></div>
      }
    </div>
    <dqw-chart-data-table
      [caption]="label()"
      [categoryHeader]="categoryHeader()"
      [categories]="categories()"
      [series]="series()"
      [format]="format()"
    />
  `,
  styleUrl: '../chart-frame.scss',
})
export class LineChart {
  readonly label = input.required<string>();
  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  readonly categoryHeader = input('Date');
  /** Shade the area under each line. */
  readonly fill = input(false);
  readonly height = input(240);
  readonly min = input<number | undefined>(undefined);
  readonly max = input<number | undefined>(undefined);
  readonly format = input<(value: number | null) => string>(formatChartNumber);
  /**
   * Clicking a category emits its index through `pick` (drill-down). The canvas is not keyboard
   * operable, so a page that uses this also offers the same links in its own markup.
   */
  readonly clickable = input(false);
  readonly pick = output<number>();
  private readonly theme = inject(ChartTheme);

  protected readonly summary = computed(
    () => `${this.label()}: line chart. The same data follows as a table.`,
  );

  protected readonly config = computed<AnyChartConfig>(() => {
    const colors = this.theme.colors();
    return {
      type: 'line',
      data: { labels: [...this.categories()], datasets: lineDatasets(this.series(), colors, this.fill()) },
      options: baseOptions(colors, {
        min: this.min(),
        max: this.max(),
        format: this.format(),
        legend: this.series().length > 1,
        pickByCategory: this.clickable(),
        maxLabelLength: 12,
      }),
    } as AnyChartConfig;
  });
}
