import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { DashboardTrendsDto } from '@dqw/shared-types';
import { LineChart } from '../../../shared/charts';
import { dayRunsLink } from '../dashboard-query';
import { formatScore, trendCharts } from '../dashboard-shape';

/** Runs passed/failed and the score per day; a click on a day (or the picker) opens that day's runs. */
@Component({
  selector: 'dqw-trend-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, LineChart],
  template: `
    <section class="glass p-3 h-100" aria-labelledby="trend-title" data-testid="trend-panel">
      <h2 id="trend-title" class="h6">Runs and score per day</h2>
      <p class="small text-body-secondary mb-2">UTC days. Click a day to see its runs.</p>
      <div data-testid="trend-runs">
        <dqw-line-chart
          label="Runs per day: passed, failed and errored"
          categoryHeader="Day"
          [categories]="chart().categories"
          [series]="chart().runs"
          [height]="200"
          [clickable]="true"
          (pick)="openDay($event)"
        />
      </div>
      <div class="mt-3" data-testid="trend-score">
        <dqw-line-chart
          label="Quality score per day"
          categoryHeader="Day"
          [categories]="chart().categories"
          [series]="chart().score"
          [height]="160"
          [min]="0"
          [max]="100"
          [format]="score"
          [clickable]="true"
          (pick)="openDay($event)"
        />
      </div>
      @if (chart().daysWithRuns.length) {
        <form class="d-flex flex-wrap align-items-end gap-2 mt-3" (ngSubmit)="openPicked()">
          <div>
            <label for="trend-day" class="form-label small mb-1">Runs of a day</label>
            <select id="trend-day" class="form-select form-select-sm" name="day" [(ngModel)]="picked">
              @for (d of chart().daysWithRuns; track d.index) {
                <option [ngValue]="d.day">
                  {{ d.label }} ({{ d.runs }} run{{ d.runs === 1 ? '' : 's' }})
                </option>
              }
            </select>
          </div>
          <button type="submit" class="btn btn-sm btn-outline-secondary">Show runs</button>
        </form>
      } @else {
        <p class="small text-body-secondary mt-3 mb-0">
          No runs in this range. <a routerLink="/rules">Run your rules</a> to start the trend.
        </p>
      }
    </section>
  `,
})
export class TrendPanel {
  readonly trends = input.required<DashboardTrendsDto>();
  readonly datasetId = input<string | null>(null);
  private readonly router = inject(Router);
  protected readonly chart = computed(() => trendCharts(this.trends()));
  protected readonly score = (v: number | null) => formatScore(v);
  /** The picker's day; the newest day with runs until the user picks one (or when it left the range). */
  private readonly pickedDay = signal<string | null>(null);

  protected get picked(): string | null {
    const days = this.chart().daysWithRuns;
    const chosen = this.pickedDay();
    return days.some((d) => d.day === chosen) ? chosen : (days[0]?.day ?? null);
  }
  protected set picked(day: string | null) {
    this.pickedDay.set(day);
  }

  protected openPicked(): void {
    const index = this.trends().items.findIndex((d) => d.day === this.picked);
    if (index >= 0) this.openDay(index);
  }

  protected openDay(index: number): void {
    const day = this.trends().items[index];
    if (!day) return;
    const link = dayRunsLink(day, this.datasetId());
    void this.router.navigate([link.path], { queryParams: link.queryParams });
  }
}
