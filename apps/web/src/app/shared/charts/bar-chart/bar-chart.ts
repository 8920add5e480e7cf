import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { ChartCanvas } from '../chart-canvas/chart-canvas';
import { ChartDataTable } from '../chart-data-table/chart-data-table';
import { AnyChartConfig, barDatasets, baseOptions } from '../chart-options';
import { ChartSeries, ChartTheme, formatChartNumber } from '../chart-theme';

/**
 * Bars per category, one colour per series (grouped or stacked, vertical or horizontal).
 *
 * ```html
 * <dqw-bar-chart label="Pass rate per rule" categoryHeader="Rule" [categories]="names"
 *   [series]="[{ label: 'Pass rate', values: rates, tone: 'success' }]" [max]="100" />
 * ```
 */
@Component({
  selector: 'dqw-bar-chart',
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
export class BarChart {
  /** What the chart shows; the canvas's text alternative and the hidden table's caption. */
  readonly label = input.required<string>();
  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  readonly categoryHeader = input('Category');
  readonly horizontal = input(false);
  readonly stacked = input(false);
  readonly height = input(220);
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
    () => `${this.label()}: bar chart. The same data follows as a table.`,
  );

  protected readonly config = computed<AnyChartConfig>(() => {
    const colors = this.theme.colors();
    return {
      type: 'bar',
      data: { labels: [...this.categories()], datasets: barDatasets(this.series(), colors) },
      options: baseOptions(colors, {
        horizontal: this.horizontal(),
        stacked: this.stacked(),
        min: this.min(),
        max: this.max(),
        format: this.format(),
        legend: this.series().length > 1,
        pickByCategory: this.clickable(),
      }),
    } as AnyChartConfig;
  });
}
