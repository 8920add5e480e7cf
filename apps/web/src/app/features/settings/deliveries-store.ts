import { Injectable, computed, inject, signal } from '@angular/core';
import { NotificationChannelDto, NotificationDeliveryDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { SettingsApi } from './settings-api';

export const DELIVERIES_PAGE_SIZE = 25;

interface DeliveriesState {
  channelId: string | null;
  channel: NotificationChannelDto | null;
  items: NotificationDeliveryDto[];
  total: number;
  page: number;
  loading: boolean;
  loadError: string | null;
}

/** One channel's delivery log, newest first. Provided by the page. */
@Injectable()
export class DeliveriesStore {
  private readonly api = inject(SettingsApi);
  private readonly state = signal<DeliveriesState>({
    channelId: null,
    channel: null,
    items: [],
    total: 0,
    page: 1,
    loading: false,
    loadError: null,
  });
  private seq = 0;

  readonly channel = computed(() => this.state().channel);
  readonly deliveries = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly page = computed(() => this.state().page);
  readonly pageSize = DELIVERIES_PAGE_SIZE;
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);

  async open(channelId: string): Promise<void> {
    this.state.update((s) => ({ ...s, channelId, channel: s.channelId === channelId ? s.channel : null }));
    try {
      const channel = await firstValueFrom(this.api.channel(channelId));
      this.state.update((s) => (s.channelId === channelId ? { ...s, channel } : s));
    } catch (error) {
      this.state.update((s) => ({ ...s, loadError: toProblem(error).message }));
      return;
    }
    await this.load(1);
  }

  async load(page = this.state().page): Promise<void> {
    const id = this.state().channelId;
    if (!id) return;
    const seq = ++this.seq;
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const result = await firstValueFrom(this.api.deliveries(id, page, DELIVERIES_PAGE_SIZE));
      if (seq !== this.seq) return;
      this.state.update((s) => ({
        ...s,
        items: result.items,
        total: result.total,
        page: result.page,
        loading: false,
      }));
    } catch (error) {
      if (seq !== this.seq) return;
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }
}
