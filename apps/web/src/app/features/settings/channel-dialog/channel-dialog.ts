import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  CreatedNotificationChannelDto,
  NotificationChannelDto,
  NotificationChannelType,
  NotificationEvent,
} from '@dqw/shared-types';
import { toProblem } from '../../../core/http/api-problem';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { SEVERITY_OPTIONS } from '../../rules/rule-labels';
import {
  CHANNEL_TYPE_OPTIONS,
  ChannelField,
  ChannelForm,
  EVENT_OPTIONS,
  channelProblems,
  channelTypeLabel,
  channelServerErrors,
  emptyChannelForm,
  formFromChannel,
  updateRequest,
} from '../channel-form';
import { ChannelsStore } from '../channels-store';

/** Creates a channel, or edits one (`channel` given). Secrets are write-only: set, or replace. */
@Component({
  selector: 'dqw-channel-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog, FormsModule],
  templateUrl: './channel-dialog.html',
})
export class ChannelDialog implements OnInit {
  readonly channel = input<NotificationChannelDto | null>(null);
  readonly closed = output<void>();
  /** After creating: the new channel (with its generated secret, if any). */
  readonly created = output<CreatedNotificationChannelDto>();
  private readonly store = inject(ChannelsStore);
  protected readonly types = CHANNEL_TYPE_OPTIONS;
  protected readonly typeLabel = channelTypeLabel;
  protected readonly events = EVENT_OPTIONS;
  protected readonly severities = SEVERITY_OPTIONS;
  protected readonly form = signal<ChannelForm>(emptyChannelForm());
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly serverFields = signal<Partial<Record<ChannelField, string>>>({});
  protected readonly serverMessage = signal<string | null>(null);
  protected readonly problems = computed(() => channelProblems(this.form(), this.channel()));
  protected readonly editing = computed(() => this.channel() !== null);

  ngOnInit(): void {
    const channel = this.channel();
    if (channel) this.form.set(formFromChannel(channel));
  }

  protected errorFor(field: ChannelField): string | null {
    return this.serverFields()[field] ?? (this.submitted() ? (this.problems()[field] ?? null) : null);
  }

  protected patch(change: Partial<ChannelForm>): void {
    this.form.update((f) => ({ ...f, ...change }));
    const fields = Object.keys(change) as ChannelField[];
    this.serverFields.update((all) => {
      const next = { ...all };
      for (const f of fields) delete next[f];
      if ('host' in change || 'port' in change) delete next.host;
      return next;
    });
  }

  protected pickType(type: NotificationChannelType): void {
    this.form.update((f) => ({
      ...emptyChannelForm(type),
      name: f.name,
      events: f.events,
      minSeverity: f.minSeverity,
    }));
    this.serverFields.set({});
  }

  protected toggleEvent(event: NotificationEvent, on: boolean): void {
    const events = this.form().events;
    this.patch({ events: on ? [...events, event] : events.filter((e) => e !== event) });
  }

  protected portValue(value: unknown): number | null {
    return value === '' || value === null ? null : Number(value);
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.serverMessage.set(null);
    if (Object.keys(this.problems()).length > 0) return;
    const channel = this.channel();
    this.saving.set(true);
    try {
      if (channel) {
        const body = updateRequest(this.form(), channel);
        if (Object.keys(body).length > 0) await this.store.update(channel.id, body);
        this.closed.emit();
      } else {
        this.created.emit(await this.store.create(this.form()));
      }
    } catch (error) {
      const { fields, rest } = channelServerErrors(toProblem(error));
      this.serverFields.set(fields);
      this.serverMessage.set(
        rest ??
          (Object.keys(fields).length ? 'Some fields need attention — see the messages next to them.' : null),
      );
    } finally {
      this.saving.set(false);
    }
  }
}
