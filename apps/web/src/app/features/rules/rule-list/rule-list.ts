import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Roles, RuleType, Severity } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { DslCode } from '../../../shared/ui/dsl-code/dsl-code';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Icon } from '../../../shared/ui/icon/icon';
import { Pager } from '../../../shared/ui/pager/pager';
import { RunLive } from '../../runs/run-live';
import { RunStatusBadge } from '../../runs/run-status-badge/run-status-badge';
import { RULE_TYPE_OPTIONS, SEVERITY_OPTIONS, severityBadge, severityLabel } from '../rule-labels';
import { RuleFilters, RulesStore } from '../rules-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

export interface RuleFilterForm {
  datasetId: string;
  type: RuleType | '';
  severity: Severity | '';
  active: '' | 'active' | 'inactive';
  q: string;
}

/** The form's values → the API's filters (blank ones left out). */
export function filtersFromForm(value: RuleFilterForm): RuleFilters {
  const filters: RuleFilters = {};
  if (value.datasetId) filters.datasetId = value.datasetId;
  if (value.type) filters.type = value.type;
  if (value.severity) filters.severity = value.severity;
  if (value.active) filters.active = value.active === 'active';
  if (value.q.trim()) filters.q = value.q.trim();
  return filters;
}

@Component({
  selector: 'dqw-rule-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    Icon,
    Pager,
    EmptyState,
    DslCode,
    RunStatusBadge,
    Skeleton,
  ],
  providers: [RulesStore],
  templateUrl: './rule-list.html',
})
export class RuleList {
  /** `?datasetId=` (e.g. from a dataset's page) preselects the dataset filter. */
  readonly datasetId = input<string | undefined>(undefined);
  protected readonly store = inject(RulesStore);
  protected readonly live = inject(RunLive);
  private readonly auth = inject(AuthStore);
  protected readonly canEdit = computed(() => this.auth.hasRole(Roles.Admin, Roles.DataEngineer));
  protected readonly types = RULE_TYPE_OPTIONS;
  protected readonly severities = SEVERITY_OPTIONS;
  protected readonly severityBadge = severityBadge;
  protected readonly severityLabel = severityLabel;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    datasetId: [''],
    type: ['' as RuleType | ''],
    severity: ['' as Severity | ''],
    active: ['' as RuleFilterForm['active']],
    q: [''],
  });
  /** The dataset chosen in the filter, for "Run all rules of …". */
  protected readonly filteredDataset = computed(() => {
    const id = this.store.filters().datasetId;
    return id ? (this.store.datasets().find((d) => d.id === id) ?? null) : null;
  });

  constructor() {
    void this.store.loadDatasets();
    // The page stays when only the query changes, so follow the input.
    effect(() => {
      const datasetId = this.datasetId();
      untracked(() => {
        this.form.controls.datasetId.setValue(datasetId ?? '');
        void this.store.applyFilters(filtersFromForm(this.form.getRawValue()));
      });
    });
  }

  protected apply(): void {
    void this.store.applyFilters(filtersFromForm(this.form.getRawValue()));
  }

  protected clear(): void {
    this.form.reset();
    void this.store.applyFilters({});
  }
}
