import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { AuditFilters as Filters } from '../audit-api';

/** Local calendar days → the ISO instants the API filters on (from the start of `from` to the end of `to`). */
export function filtersFromForm(value: {
  actor: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}): Filters {
  const day = (text: string, end: boolean): string | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [, y, m, d] = match.map(Number);
    return (end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d)).toISOString();
  };
  const filters: Filters = {};
  if (value.actor.trim()) filters.actor = value.actor.trim();
  if (value.action.trim()) filters.action = value.action.trim();
  if (value.entityType.trim()) filters.entityType = value.entityType.trim();
  const from = day(value.from, false);
  const to = day(value.to, true);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

@Component({
  selector: 'dqw-audit-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './audit-filters.html',
})
export class AuditFilters {
  readonly changed = output<Filters>();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    actor: [''],
    action: [''],
    entityType: [''],
    from: [''],
    to: [''],
  });

  protected apply(): void {
    this.changed.emit(filtersFromForm(this.form.getRawValue()));
  }

  protected clear(): void {
    this.form.reset();
    this.changed.emit({});
  }
}
