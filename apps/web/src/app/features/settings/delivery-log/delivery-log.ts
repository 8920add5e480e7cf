import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NotificationDeliveryDto, NotificationDeliveryStatus } from '@dqw/shared-types';
import { Pager } from '../../../shared/ui/pager/pager';
import { formatDuration } from '../../runs/run-labels';
import { channelTypeLabel, eventLabel } from '../channel-form';
import { DeliveriesStore } from '../deliveries-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

const STATUS: Record<NotificationDeliveryStatus, { label: string; badge: string }> = {
  pending: { label: 'Waiting to retry', badge: 'badge-soft-warning' },
  sending: { label: 'Sending', badge: 'badge-soft-info' },
  sent: { label: 'Delivered', badge: 'badge-soft-success' },
  failed: { label: 'Failed', badge: 'badge-soft-danger' },
};

export function deliveryStatus(status: NotificationDeliveryStatus): { label: string; badge: string } {
  return STATUS[status] ?? { label: status, badge: 'badge-soft-secondary' };
}

/** Every notification sent to one channel, newest first, with each attempt (status code, error, time). */
@Component({
  selector: 'dqw-delivery-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, Pager, Skeleton],
  providers: [DeliveriesStore],
  templateUrl: './delivery-log.html',
})
export class DeliveryLog {
  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  protected readonly store = inject(DeliveriesStore);
  protected readonly status = deliveryStatus;
  protected readonly eventLabel = eventLabel;
  protected readonly typeLabel = channelTypeLabel;
  protected readonly duration = formatDuration;
  /** Deliveries whose attempts are unfolded. */
  protected readonly open = signal<ReadonlySet<string>>(new Set());

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.open(id));
    });
  }

  protected toggle(delivery: NotificationDeliveryDto): void {
    this.open.update((all) => {
      const next = new Set(all);
      if (next.has(delivery.id)) next.delete(delivery.id);
      else next.add(delivery.id);
      return next;
    });
  }

  protected last(delivery: NotificationDeliveryDto) {
    return delivery.attempts[delivery.attempts.length - 1] ?? null;
  }
}
