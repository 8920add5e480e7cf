import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { AuditActorType, UserDto } from '@dqw/shared-types';
import { AuditFilters as Filters } from '../audit-api';

export interface AuditFilterForm {
  actorType: AuditActorType | '';
  actorId: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}

/** Actions the API records today, offered as suggestions (any text, or a prefix ending in ".", works). */
export const KNOWN_ACTIONS = [
  'auth.',
  'auth.login',
  'auth.login.failed',
  'auth.logout',
  'auth.password.change',
  'user.',
  'user.create',
  'user.update',
  'user.lock',
  'token.',
  'token.create',
  'token.revoke',
];

/** The form's local calendar days → the instants the API filters on ([start of `from`, end of `to`]). */
export function filtersFromForm(value: AuditFilterForm): Filters {
  const day = (text: string, plusDays: number): string | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [y, m, d] = match.slice(1).map(Number);
    return new Date(y, m - 1, d + plusDays).toISOString();
  };
  const filters: Filters = {};
  if (value.actorType) filters.actorType = value.actorType;
  if (value.actorId) filters.actorId = value.actorId;
  if (value.action.trim()) filters.action = value.action.trim();
  if (value.entityType.trim()) filters.entityType = value.entityType.trim();
  const from = day(value.from, 0);
  const to = day(value.to, 1); // the API's `to` is exclusive: the start of the next day
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
  readonly actors = input<UserDto[]>([]);
  readonly changed = output<Filters>();
  protected readonly actions = KNOWN_ACTIONS;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    actorType: ['' as AuditActorType | ''],
    actorId: [''],
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
