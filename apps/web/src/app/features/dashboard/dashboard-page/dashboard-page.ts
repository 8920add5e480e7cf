import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';
import { BarChart, Heatmap, HeatmapLink } from '../../../shared/charts';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { DashboardStore } from '../dashboard-store';
import {
  DashboardQuery,
  RANGE_OPTIONS,
  RangeDays,
  datasetIncidentsLink,
  queryFromParams,
  queryToParams,
} from '../dashboard-query';
import { formatPercent, heatmapGrid, passRateChart, stageOf } from '../dashboard-shape';
import { KpiCards } from '../kpi-cards/kpi-cards';
import { RecentIncidents } from '../recent-incidents/recent-incidents';
import { TrendPanel } from '../trend-panel/trend-panel';

/** Whether the data can be trusted today, how that changed, and where to look (range and dataset in the URL). */
@Component({
  selector: 'dqw-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, EmptyState, BarChart, Heatmap, KpiCards, TrendPanel, RecentIncidents],
  providers: [DashboardStore],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
})
export class DashboardPage {
  protected readonly store = inject(DashboardStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly params = toSignal(this.route.queryParamMap);
  protected readonly ranges = RANGE_OPTIONS;
  protected readonly canEdit = computed(() => this.auth.hasRole('Admin', 'DataEngineer'));
  protected readonly percent = formatPercent;
  protected readonly incidentsText = (v: number) => `${v} incident${v === 1 ? '' : 's'} opened`;

  protected readonly stage = computed(() => {
    const data = this.store.data();
    return data ? stageOf(data.stats) : null;
  });
  protected readonly passRates = computed(() => {
    const data = this.store.data();
    return data ? passRateChart(data.passRates.items, !this.store.query().datasetId) : null;
  });
  protected readonly grid = computed(() => {
    const data = this.store.data();
    return data ? heatmapGrid(data.heatmap) : null;
  });
  protected readonly rowLinks = computed<HeatmapLink[]>(() => {
    const grid = this.grid();
    if (!grid) return [];
    return grid.rowIds.map((id) => datasetIncidentsLink(id, grid.days[0], grid.days[grid.days.length - 1]));
  });
  protected readonly cellLink = computed(() => {
    const grid = this.grid();
    return (row: number, column: number): HeatmapLink | null =>
      grid ? datasetIncidentsLink(grid.rowIds[row], grid.days[column], grid.days[column]) : null;
  });
  protected readonly datasetName = (id: string) => this.store.datasetName(id);

  constructor() {
    void this.store.loadDatasets();
    effect(() => {
      const params = this.params();
      if (!params) return;
      const query = queryFromParams(params);
      untracked(() => void this.store.apply(query));
    });
  }

  protected setRange(days: RangeDays): void {
    this.navigate({ ...this.store.query(), days });
  }

  protected setDataset(datasetId: string): void {
    this.navigate({ ...this.store.query(), datasetId: datasetId || null });
  }

  /** A pass-rate bar: that rule's runs. */
  protected openRule(index: number): void {
    const rule = this.store.data()?.passRates.items[index];
    if (rule) void this.router.navigate(['/runs'], { queryParams: { ruleId: rule.ruleId } });
  }

  private navigate(query: DashboardQuery): void {
    // Filter changes replace the history entry: Back leaves the dashboard instead of undoing filters.
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryToParams(query),
      replaceUrl: true,
    });
  }
}
