import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ChartSeries, formatChartNumber } from '../chart-theme';

/** A chart's numbers as a table for screen readers (visually hidden; the chart is the visual form). */
@Component({
  selector: 'dqw-chart-data-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="visually-hidden">
      <caption>
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ categoryHeader() }}</th>
          @for (s of series(); track $index) {
            <th scope="col">{{ s.label }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (category of categories(); track $index; let i = $index) {
          <tr>
            <th scope="row">{{ category }}</th>
            @for (s of series(); track $index) {
              <td>{{ format()(s.values[i] ?? null) }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ChartDataTable {
  readonly caption = input.required<string>();
  readonly categoryHeader = input.required<string>();
  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  readonly format = input<(value: number | null) => string>(formatChartNumber);
}
