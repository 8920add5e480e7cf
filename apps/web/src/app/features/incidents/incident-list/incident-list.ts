import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { IncidentStatus, Severity } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Pager } from '../../../shared/ui/pager/pager';
import { severityBadge, severityLabel } from '../../rules/rule-labels';
import { BulkBar } from '../bulk-bar/bulk-bar';
import { CountChips } from '../count-chips/count-chips';
import { canTriage } from '../incident-actions';
import { IncidentFilterBar, FilterBarValue } from '../incident-filter-bar/incident-filter-bar';
import {
  IncidentFilters,
  defaultFilters,
  filtersFromParams,
  filtersToParams,
  toggled,
} from '../incident-filters';
import { LIVE_STATUSES, reasonLabel, statusBadge, statusLabel } from '../incident-labels';
import { IncidentsStore } from '../incidents-store';
import { SlaBadges } from '../sla-badges/sla-badges';
import { Ticker } from '../ticker';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

/** The triage view: every incident that needs someone, narrowed by chips and filters kept in the URL. */
@Component({
  selector: 'dqw-incident-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    EmptyState,
    Pager,
    CountChips,
    IncidentFilterBar,
    BulkBar,
    SlaBadges,
    Skeleton,
  ],
  providers: [IncidentsStore, Ticker],
  templateUrl: './incident-list.html',
  styleUrl: './incident-list.scss',
})
export class IncidentList {
  protected readonly store = inject(IncidentsStore);
  protected readonly ticker = inject(Ticker);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  protected readonly canTriage = computed(() => canTriage(this.auth.role()));
  protected readonly statusLabel = statusLabel;
  protected readonly statusBadge = statusBadge;
  protected readonly severityLabel = severityLabel;
  protected readonly severityBadge = severityBadge;
  protected readonly reasonLabel = reasonLabel;
  private readonly params = toSignal(this.route.queryParamMap);
  /** Only live statuses are shown (the default) and none are open: the good news. */
  protected readonly allClear = computed(() => {
    const f = this.store.filters();
    const counts = this.store.counts();
    const liveOnly = f.statuses.length > 0 && f.statuses.every((s) => LIVE_STATUSES.includes(s));
    return (
      liveOnly &&
      counts !== null &&
      LIVE_STATUSES.every((s) => counts.status[s] === 0) &&
      f.severities.length === 0
    );
  });
  private lastDataset: string | null | undefined = undefined;

  constructor() {
    void this.store.loadLookups();
    effect(() => {
      const params = this.params();
      if (!params) return;
      const filters = filtersFromParams(params);
      untracked(() => {
        void this.store.apply(filters);
        if (filters.datasetId !== this.lastDataset) {
          this.lastDataset = filters.datasetId;
          void this.store.loadRules(filters.datasetId);
        }
      });
    });
  }

  protected toggleStatus(status: IncidentStatus): void {
    const f = this.store.filters();
    this.navigate({ ...f, statuses: toggled(f.statuses, status), page: 1 });
  }

  protected toggleSeverity(severity: Severity): void {
    const f = this.store.filters();
    this.navigate({ ...f, severities: toggled(f.severities, severity), page: 1 });
  }

  protected barChanged(value: FilterBarValue): void {
    const current = this.store.filters();
    // Days typed into the form are the user's own days; UTC days only come from the dashboard's links.
    const sameDays = value.from === current.from && value.to === current.to;
    this.navigate({ ...current, ...value, utcDays: current.utcDays && sameDays, page: 1 });
  }

  protected clearFilters(): void {
    this.navigate(defaultFilters());
  }

  protected showAllStatuses(): void {
    this.navigate({ ...this.store.filters(), statuses: [], page: 1 });
  }

  protected goToPage(page: number): void {
    this.navigate({ ...this.store.filters(), page });
  }

  protected selectAll(event: Event): void {
    this.store.selectAll((event.target as HTMLInputElement).checked);
  }

  private navigate(filters: IncidentFilters): void {
    // Filter changes replace the history entry: Back leaves the triage view instead of undoing filters.
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(filters),
      replaceUrl: true,
    });
  }
}
