import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AuditEntryDto } from '@dqw/shared-types';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Icon } from '../../../shared/ui/icon/icon';
import { Pager } from '../../../shared/ui/pager/pager';
import { AuditEntryDetail } from '../audit-entry-detail/audit-entry-detail';
import { AuditFilters } from '../audit-filters/audit-filters';
import { actorText } from '../audit-labels';
import { AuditStore } from '../audit-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-audit-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, Icon, Pager, EmptyState, AuditFilters, AuditEntryDetail, Skeleton],
  providers: [AuditStore],
  templateUrl: './audit-log.html',
})
export class AuditLog {
  protected readonly store = inject(AuditStore);
  protected readonly actorText = actorText;
  protected readonly selected = signal<AuditEntryDto | null>(null);

  constructor() {
    void this.store.load(1);
    void this.store.loadActors();
  }
}
