import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { IncidentCounts, IncidentStatus, Severity } from '@dqw/shared-types';
import { SEVERITY_CHIPS, STATUS_OPTIONS } from '../incident-labels';

/**
 * Counts by status and by severity as toggle buttons: pressing one narrows the list to it (several may
 * be pressed). The counts cover every other filter, so they say what each chip would show.
 */
@Component({
  selector: 'dqw-count-chips',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="d-flex flex-wrap align-items-center gap-3">
      <div class="chip-group" role="group" aria-label="Filter by status">
        <span class="chip-label">Status</span>
        @for (option of statuses; track option.value) {
          <button
            type="button"
            class="chip"
            [class.pressed]="activeStatuses().includes(option.value)"
            [attr.aria-pressed]="activeStatuses().includes(option.value)"
            [attr.data-chip]="option.value"
            (click)="statusToggled.emit(option.value)"
          >
            {{ option.label }} <span class="count">{{ counts()?.status?.[option.value] ?? '…' }}</span>
          </button>
        }
      </div>
      <div class="chip-group" role="group" aria-label="Filter by severity">
        <span class="chip-label">Severity</span>
        @for (option of severities; track option.value) {
          <button
            type="button"
            class="chip"
            [class.pressed]="activeSeverities().includes(option.value)"
            [attr.aria-pressed]="activeSeverities().includes(option.value)"
            [attr.data-chip]="option.value"
            (click)="severityToggled.emit(option.value)"
          >
            {{ option.label }} <span class="count">{{ counts()?.severity?.[option.value] ?? '…' }}</span>
          </button>
        }
      </div>
    </div>
  `,
  styles: `
    .chip-group {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    .chip-label {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--bs-secondary-color);
      margin-right: 0.15rem;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.25rem 0.7rem;
      border-radius: 999px;
      border: 1px solid var(--dqw-input-border);
      background: var(--dqw-input-bg);
      color: var(--bs-body-color);
      font-size: 0.875rem;
      &:hover {
        background: var(--dqw-hover);
      }
    }
    .chip.pressed {
      border-color: var(--bs-primary-border-subtle);
      background: var(--bs-primary-bg-subtle);
      color: var(--bs-primary-text-emphasis);
      font-weight: 600;
    }
    .count {
      min-width: 1.4rem;
      padding: 0 0.35rem;
      border-radius: 999px;
      background: var(--dqw-code-bg);
      font-variant-numeric: tabular-nums;
      text-align: center;
    }
  `,
})
export class CountChips {
  readonly counts = input.required<IncidentCounts | null>();
  readonly activeStatuses = input.required<readonly IncidentStatus[]>();
  readonly activeSeverities = input.required<readonly Severity[]>();
  readonly statusToggled = output<IncidentStatus>();
  readonly severityToggled = output<Severity>();
  protected readonly statuses = STATUS_OPTIONS;
  protected readonly severities = SEVERITY_CHIPS;
}
