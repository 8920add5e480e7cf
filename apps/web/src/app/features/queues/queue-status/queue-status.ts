import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { QueueSummary } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { Icon } from '../../../shared/ui/icon/icon';
import { QueuesStore } from '../queues-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

const QUEUE_TEXT: Record<QueueSummary['name'], { label: string; purpose: string }> = {
  'rule-runs': { label: 'Rule runs', purpose: 'Checks the rules of a dataset version in one scan' },
  profiling: { label: 'Profiling', purpose: 'Profiles new versions and proposes rules' },
  notifications: { label: 'Notifications', purpose: 'Delivers incident webhooks, Slack messages and emails' },
  maintenance: { label: 'Maintenance', purpose: 'Schedules, SLA checks and evidence retention' },
};

/** The ops card: jobs per queue and state, workers, and where to look further. */
@Component({
  selector: 'dqw-queue-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, Icon, Skeleton],
  providers: [QueuesStore],
  templateUrl: './queue-status.html',
  styles: `
    .num {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class QueueStatus {
  protected readonly store = inject(QueuesStore);
  private readonly auth = inject(AuthStore);
  protected readonly text = QUEUE_TEXT;
  protected readonly isAdmin = computed(() => this.auth.hasRole('Admin'));
  protected readonly totals = computed(() => {
    const queues = this.store.data()?.queues ?? [];
    return {
      waiting: queues.reduce((n, q) => n + q.waiting, 0),
      active: queues.reduce((n, q) => n + q.active, 0),
      failed: queues.reduce((n, q) => n + q.failed, 0),
    };
  });

  constructor() {
    void this.store.start();
  }

  protected hasWorkers(queues: readonly QueueSummary[]): boolean {
    return queues.some((q) => q.workers > 0);
  }
}
