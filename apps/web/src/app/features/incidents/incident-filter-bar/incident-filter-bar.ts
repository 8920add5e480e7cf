import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { DatasetDto, IncidentAssigneeDto, IncidentSort, RuleDetailDto } from '@dqw/shared-types';
import { IncidentFilters } from '../incident-filters';
import { SORT_OPTIONS } from '../incident-labels';

export interface FilterBarForm {
  q: string;
  datasetId: string;
  ruleId: string;
  assignee: string;
  sla: '' | 'breached' | 'not-breached';
  flapping: boolean;
  from: string;
  to: string;
  sort: IncidentSort;
}

/** The filters the bar edits (the chips edit statuses and severities). */
export type FilterBarValue = Pick<
  IncidentFilters,
  'q' | 'datasetId' | 'ruleId' | 'assignee' | 'breached' | 'flapping' | 'from' | 'to' | 'sort'
>;

export function formFromFilters(f: IncidentFilters): FilterBarForm {
  return {
    q: f.q,
    datasetId: f.datasetId ?? '',
    ruleId: f.ruleId ?? '',
    assignee: f.assignee ?? '',
    sla: f.breached === null ? '' : f.breached ? 'breached' : 'not-breached',
    flapping: f.flapping === true,
    from: f.from ?? '',
    to: f.to ?? '',
    sort: f.sort,
  };
}

/** The form → filters, or a sentence saying what to fix. */
export function filtersFromForm(v: FilterBarForm): { value: FilterBarValue } | { error: string } {
  if (v.from && v.to && v.to < v.from) {
    return { error: 'The “Opened to” day is before the “Opened from” day.' };
  }
  return {
    value: {
      q: v.q.trim(),
      datasetId: v.datasetId || null,
      ruleId: v.ruleId || null,
      assignee: v.assignee || null,
      breached: v.sla === '' ? null : v.sla === 'breached',
      flapping: v.flapping ? true : null,
      from: v.from || null,
      to: v.to || null,
      sort: v.sort,
    },
  };
}

@Component({
  selector: 'dqw-incident-filter-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './incident-filter-bar.html',
})
export class IncidentFilterBar {
  readonly filters = input.required<IncidentFilters>();
  readonly datasets = input<readonly DatasetDto[]>([]);
  readonly rules = input<readonly RuleDetailDto[]>([]);
  readonly assignees = input<readonly IncidentAssigneeDto[]>([]);
  /** Offer "Assigned to me" (analysts are never assigned). */
  readonly offerMine = input(false);
  readonly changed = output<FilterBarValue>();
  readonly cleared = output<void>();
  protected readonly sorts = SORT_OPTIONS;
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    q: [''],
    datasetId: [''],
    ruleId: [''],
    assignee: [''],
    sla: ['' as FilterBarForm['sla']],
    flapping: [false],
    from: [''],
    to: [''],
    sort: ['-openedAt' as IncidentSort],
  });

  constructor() {
    // The URL is the source of truth: follow it (back button, links) without emitting again.
    effect(() => {
      const value = formFromFilters(this.filters());
      untracked(() => this.form.setValue(value, { emitEvent: false }));
    });
  }

  protected datasetPicked(): void {
    // A rule of another dataset would match nothing.
    this.form.controls.ruleId.setValue('', { emitEvent: false });
    this.apply();
  }

  protected apply(): void {
    const result = filtersFromForm(this.form.getRawValue());
    if ('error' in result) {
      this.error.set(result.error);
      return;
    }
    this.error.set(null);
    this.changed.emit(result.value);
  }
}
