import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SlaFields, listClocks } from '../sla-clock';

/**
 * The SLA badges of a triage row: breaches, then the countdown that runs now. It ticks with `now`;
 * the due time is in the text for screen readers and on hover.
 */
@Component({
  selector: 'dqw-sla-badges',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    @for (clock of clocks(); track clock.kind + clock.state) {
      <span
        class="badge badge-soft-{{ clock.tone }} d-inline-block"
        [attr.data-sla]="clock.kind + '-' + clock.state"
        [attr.title]="clock.dueAt ? 'Due ' + (clock.dueAt | date: 'medium') : null"
      >
        {{ clock.text }}
        @if (clock.dueAt) {
          <span class="visually-hidden"> (due {{ clock.dueAt | date: 'medium' }})</span>
        }
      </span>
    } @empty {
      <span class="text-body-secondary small">—</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.25rem;
    }
    .badge {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `,
})
export class SlaBadges {
  readonly incident = input.required<SlaFields>();
  /** Milliseconds since the epoch; a ticking signal makes the countdown move. */
  readonly now = input.required<number>();
  protected readonly clocks = computed(() => listClocks(this.incident(), this.now()));
}
