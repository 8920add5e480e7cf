import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SlaClock, SlaFields, ackClock, resolveClock } from '../sla-clock';

/** Both SLA targets of an incident: due time, a live countdown, and whether each was met or missed. */
@Component({
  selector: 'dqw-sla-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <dl class="sla mb-0">
      @for (row of rows(); track row.label) {
        <div [attr.data-sla-row]="row.clock.kind">
          <dt>{{ row.label }}</dt>
          <dd>
            <span
              class="badge badge-soft-{{ row.clock.tone }}"
              [attr.data-sla]="row.clock.kind + '-' + row.clock.state"
              >{{ row.clock.text }}</span
            >
            @if (row.clock.dueAt) {
              <span class="small text-body-secondary ms-1">due {{ row.clock.dueAt | date: 'medium' }}</span>
            }
            @if (row.breachedAt) {
              <div class="small text-danger-emphasis">
                Breach recorded {{ row.breachedAt | date: 'medium' }}
              </div>
            }
          </dd>
        </div>
      }
    </dl>
  `,
  styles: `
    .sla {
      display: grid;
      gap: 0.75rem;
      dt {
        font-size: 0.8rem;
        font-weight: 600;
        color: var(--bs-secondary-color);
      }
      dd {
        margin: 0.15rem 0 0;
      }
    }
    .badge {
      font-size: 0.85rem;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class SlaPanel {
  readonly incident = input.required<SlaFields>();
  readonly now = input.required<number>();
  protected readonly rows = computed<{ label: string; clock: SlaClock; breachedAt: string | null }[]>(() => {
    const i = this.incident();
    return [
      { label: 'Time to acknowledge', clock: ackClock(i, this.now()), breachedAt: i.slaAckBreachedAt },
      { label: 'Time to resolve', clock: resolveClock(i, this.now()), breachedAt: i.slaResolveBreachedAt },
    ];
  });
}
