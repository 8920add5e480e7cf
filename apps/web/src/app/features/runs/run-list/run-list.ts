import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { RunStatus, RunTrigger } from '@dqw/shared-types';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Pager } from '../../../shared/ui/pager/pager';
import {
  RUN_STATUS_OPTIONS,
  RUN_TRIGGER_OPTIONS,
  formatCount,
  formatDuration,
  formatPassRate,
  triggerLabel,
} from '../run-labels';
import { RunLive } from '../run-live';
import { RunStatusBadge } from '../run-status-badge/run-status-badge';
import { RunFilters, RunsStore } from '../runs-store';
import { runWindowFromUrl } from '../run-url-window';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

export interface RunFilterForm {
  datasetId: string;
  status: RunStatus | '';
  trigger: RunTrigger | '';
  from: string;
  to: string;
}

/** The form (local calendar days, inclusive) → the API's filters (instants, `to` exclusive). */
export function runFiltersFromForm(value: RunFilterForm, ruleId?: string): RunFilters {
  const day = (text: string, plusDays: number): string | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [y, m, d] = match.slice(1).map(Number);
    return new Date(y, m - 1, d + plusDays).toISOString();
  };
  const filters: RunFilters = {};
  if (ruleId) filters.ruleId = ruleId;
  if (value.datasetId) filters.datasetId = value.datasetId;
  if (value.status) filters.status = value.status;
  if (value.trigger) filters.trigger = value.trigger;
  const from = day(value.from, 0);
  const to = day(value.to, 1);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

@Component({
  selector: 'dqw-run-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, DatePipe, Pager, EmptyState, RunStatusBadge, Skeleton],
  providers: [RunsStore],
  templateUrl: './run-list.html',
})
export class RunList {
  /** `?ruleId=` and `?datasetId=`: the history of one rule or one dataset. */
  readonly ruleId = input<string | undefined>(undefined);
  readonly datasetId = input<string | undefined>(undefined);
  /** `?from=&to=`: days, or exact instants (the dashboard's day drill-down); see runWindowFromUrl. */
  readonly from = input<string | undefined>(undefined);
  readonly to = input<string | undefined>(undefined);
  protected readonly store = inject(RunsStore);
  protected readonly live = inject(RunLive);
  private readonly router = inject(Router);
  protected readonly statuses = RUN_STATUS_OPTIONS;
  protected readonly triggers = RUN_TRIGGER_OPTIONS;
  protected readonly count = formatCount;
  protected readonly duration = formatDuration;
  protected readonly passRate = formatPassRate;
  protected readonly trigger = triggerLabel;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    datasetId: [''],
    status: ['' as RunStatus | ''],
    trigger: ['' as RunTrigger | ''],
    from: [''],
    to: [''],
  });

  constructor() {
    void this.store.loadDatasets();
    // The page stays when only the query changes (e.g. "Runs of all rules"), so follow the inputs.
    effect(() => {
      const ruleId = this.ruleId();
      const datasetId = this.datasetId();
      const range = runWindowFromUrl(this.from(), this.to());
      untracked(() => {
        this.form.controls.datasetId.setValue(datasetId ?? '');
        this.form.controls.from.setValue(range.fromDay);
        this.form.controls.to.setValue(range.toDay);
        const filters = runFiltersFromForm(this.form.getRawValue(), ruleId);
        if (range.fromInstant) filters.from = range.fromInstant;
        if (range.toInstant) filters.to = range.toInstant;
        void this.store.applyFilters(filters);
      });
    });
  }

  protected apply(): void {
    void this.store.applyFilters(runFiltersFromForm(this.form.getRawValue(), this.ruleId()));
  }

  protected clear(): void {
    this.form.reset();
    void this.store.applyFilters(this.ruleId() ? { ruleId: this.ruleId() } : {});
  }

  /** Leaves the one-rule history for all runs (the rule filter lives in the URL). */
  protected allRules(): void {
    void this.router.navigate(['/runs'], {
      queryParams: this.form.controls.datasetId.value
        ? { datasetId: this.form.controls.datasetId.value }
        : {},
    });
  }
}
