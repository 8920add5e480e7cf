import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CreatedNotificationChannelDto, NotificationChannelDto } from '@dqw/shared-types';
import { ConfirmDialog } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Icon } from '../../../shared/ui/icon/icon';
import { severityLabel } from '../../rules/rule-labels';
import { ChannelDialog } from '../channel-dialog/channel-dialog';
import { channelTypeLabel, eventsSummary } from '../channel-form';
import { ChannelSecret } from '../channel-secret/channel-secret';
import { ChannelsStore, testOutcomeText } from '../channels-store';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-channel-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ConfirmDialog, EmptyState, Icon, ChannelDialog, ChannelSecret, Skeleton],
  providers: [ChannelsStore],
  templateUrl: './channel-list.html',
})
export class ChannelList {
  protected readonly store = inject(ChannelsStore);
  protected readonly typeLabel = channelTypeLabel;
  protected readonly severityLabel = severityLabel;
  protected readonly outcomeText = testOutcomeText;
  /** null: closed; 'new': creating; a channel: editing it. */
  protected readonly editing = signal<NotificationChannelDto | 'new' | null>(null);
  protected readonly deleting = signal<NotificationChannelDto | null>(null);
  protected readonly secret = signal<{ name: string; secret: string } | null>(null);

  constructor() {
    void this.store.load();
  }

  protected eventsText(channel: NotificationChannelDto): string {
    return eventsSummary(channel.events);
  }

  protected target(channel: NotificationChannelDto): string {
    if (channel.type === 'email') return channel.email?.to.join(', ') ?? '—';
    return channel.url ?? '—';
  }

  protected created(channel: CreatedNotificationChannelDto): void {
    this.editing.set(null);
    if (channel.generatedSecret) this.secret.set({ name: channel.name, secret: channel.generatedSecret });
  }

  protected async confirmDelete(): Promise<void> {
    const channel = this.deleting();
    if (channel && (await this.store.remove(channel))) this.deleting.set(null);
  }
}
