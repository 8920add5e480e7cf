import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  ActiveElement,
  ChartConfiguration,
  ChartEvent,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';

/**
 * The only place that loads Chart.js. Wrappers render it inside `@defer (on immediate)`, so Chart.js
 * comes in its own chunk right after a page with a chart renders, never with the initial bundle. Only
 * the pieces the wrappers use are registered (bar and line charts, tooltips, legend).
 */
@Component({
  selector: 'dqw-chart-canvas',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective],
  providers: [
    provideCharts({
      registerables: [
        BarController,
        BarElement,
        LineController,
        LineElement,
        PointElement,
        CategoryScale,
        LinearScale,
        Filler,
        Tooltip,
        Legend,
      ],
    }),
  ],
  template: `<canvas
    baseChart
    role="img"
    [attr.aria-label]="label()"
    [type]="config().type"
    [data]="config().data"
    [options]="config().options"
    [style.cursor]="pointer() ? 'pointer' : null"
    (chartClick)="clicked($event)"
    (chartHover)="hovered($event)"
  ></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
    }
  `,
})
export class ChartCanvas {
  readonly config = input.required<ChartConfiguration<'bar' | 'line'>>();
  /** Short text alternative; the data itself is in the wrapper's hidden table. */
  readonly label = input.required<string>();
  /** Clicks on a category emit its index through `pick` (the pointer shows over one). */
  readonly clickable = input(false);
  readonly pick = output<number>();
  protected readonly pointer = signal(false);

  protected clicked(e: { event?: ChartEvent; active?: object[] }): void {
    const index = (e.active as ActiveElement[] | undefined)?.[0]?.index;
    if (this.clickable() && index !== undefined) this.pick.emit(index);
  }

  protected hovered(e: { active?: object[] }): void {
    const over = this.clickable() && (e.active?.length ?? 0) > 0;
    if (over !== this.pointer()) this.pointer.set(over);
  }
}
