import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { AuditEntryDto } from '@dqw/shared-types';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { describeChanges } from '../audit-changes';
import { actorText } from '../audit-labels';

@Component({
  selector: 'dqw-audit-entry-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, Dialog],
  templateUrl: './audit-entry-detail.html',
  styles: `
    dt {
      font-weight: 600;
    }
    .hash {
      font-size: 0.8rem;
      word-break: break-all;
    }
    .changed-row td {
      background: var(--bs-warning-bg-subtle);
    }
  `,
})
export class AuditEntryDetail {
  readonly entry = input.required<AuditEntryDto>();
  readonly closed = output<void>();
  protected readonly changes = computed(() => describeChanges(this.entry().changes));
  protected readonly actor = computed(() => actorText(this.entry()));
}
