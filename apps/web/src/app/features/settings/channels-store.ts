import { Injectable, computed, inject, signal } from '@angular/core';
import {
  CreatedNotificationChannelDto,
  NotificationChannelDto,
  NotificationDeliveryDto,
  UpdateNotificationChannelRequest,
} from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { ChannelForm, createRequest } from './channel-form';
import { SettingsApi } from './settings-api';

/** The outcome of "Send test" for one channel. */
export interface TestOutcome {
  busy: boolean;
  delivery: NotificationDeliveryDto | null;
  /** The request itself failed (not the delivery). */
  error: string | null;
}

interface ChannelsState {
  items: NotificationChannelDto[];
  total: number;
  loading: boolean;
  loadError: string | null;
  tests: ReadonlyMap<string, TestOutcome>;
  busy: ReadonlySet<string>;
}

/** The notification channels page. Provided by the page. */
@Injectable()
export class ChannelsStore {
  private readonly api = inject(SettingsApi);
  private readonly toasts = inject(ToastService);
  private readonly state = signal<ChannelsState>({
    items: [],
    total: 0,
    loading: false,
    loadError: null,
    tests: new Map(),
    busy: new Set(),
  });

  readonly channels = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);

  testOf(id: string): TestOutcome | null {
    return this.state().tests.get(id) ?? null;
  }

  isBusy(id: string): boolean {
    return this.state().busy.has(id);
  }

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      // Few channels exist in practice; one page of 100 covers them (the total says if not).
      const page = await firstValueFrom(this.api.channels(1, 100));
      this.state.update((s) => ({ ...s, items: page.items, total: page.total, loading: false }));
    } catch (error) {
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  /** Throws an {@link ApiProblem} for the dialog; the answer may carry a generated secret (shown once). */
  async create(form: ChannelForm): Promise<CreatedNotificationChannelDto> {
    let created: CreatedNotificationChannelDto;
    try {
      created = await firstValueFrom(this.api.createChannel(createRequest(form)));
    } catch (error) {
      throw toProblem(error);
    }
    this.toasts.success(`Channel “${created.name}” created.`);
    await this.load();
    return created;
  }

  /** Throws an {@link ApiProblem} for the dialog. */
  async update(id: string, body: UpdateNotificationChannelRequest): Promise<NotificationChannelDto> {
    try {
      const channel = await firstValueFrom(this.api.updateChannel(id, body));
      this.replace(channel);
      this.toasts.success(`Channel “${channel.name}” saved.`);
      return channel;
    } catch (error) {
      throw toProblem(error);
    }
  }

  /** Turns a channel on or off from the list; failures are announced by the interceptor. */
  async setEnabled(channel: NotificationChannelDto, enabled: boolean): Promise<void> {
    this.setBusy(channel.id, true);
    try {
      this.replace(await firstValueFrom(this.api.updateChannel(channel.id, { enabled }, { inline: false })));
      this.toasts.success(
        enabled ? `“${channel.name}” is on.` : `“${channel.name}” is off: it gets nothing.`,
      );
    } catch {
      // The interceptor said why.
    } finally {
      this.setBusy(channel.id, false);
    }
  }

  async remove(channel: NotificationChannelDto): Promise<boolean> {
    this.setBusy(channel.id, true);
    try {
      await firstValueFrom(this.api.deleteChannel(channel.id));
      this.toasts.success(`Channel “${channel.name}” and its delivery log deleted.`);
      await this.load();
      return true;
    } catch {
      return false;
    } finally {
      this.setBusy(channel.id, false);
    }
  }

  /** Sends a test message now; the row shows whether the receiver accepted it. */
  async test(channel: NotificationChannelDto): Promise<void> {
    this.setTest(channel.id, { busy: true, delivery: null, error: null });
    try {
      const delivery = await firstValueFrom(this.api.testChannel(channel.id));
      this.setTest(channel.id, { busy: false, delivery, error: null });
    } catch (error) {
      this.setTest(channel.id, { busy: false, delivery: null, error: toProblem(error).message });
    }
  }

  private replace(channel: NotificationChannelDto): void {
    this.state.update((s) => ({ ...s, items: s.items.map((c) => (c.id === channel.id ? channel : c)) }));
  }

  private setTest(id: string, outcome: TestOutcome): void {
    this.state.update((s) => ({ ...s, tests: new Map(s.tests).set(id, outcome) }));
  }

  private setBusy(id: string, on: boolean): void {
    this.state.update((s) => {
      const busy = new Set(s.busy);
      if (on) busy.add(id);
      else busy.delete(id);
      return { ...s, busy };
    });
  }
}

/** A test delivery in words: "Delivered: the receiver answered 200 in 143 ms." */
export function testOutcomeText(delivery: NotificationDeliveryDto): string {
  const attempt = delivery.attempts[delivery.attempts.length - 1];
  const took = attempt ? ` in ${attempt.durationMs.toLocaleString()} ms` : '';
  if (delivery.status === 'sent') {
    return attempt?.statusCode
      ? `Delivered: the receiver answered ${attempt.statusCode}${took}.`
      : `Delivered${took}.`;
  }
  if (!attempt) return 'Not sent yet.';
  const answer = attempt.statusCode ? `the receiver answered ${attempt.statusCode}` : 'no answer';
  return `Not delivered (${answer}${took})${attempt.error ? `: ${attempt.error}` : '.'}`;
}
