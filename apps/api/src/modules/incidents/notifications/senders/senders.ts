import type { NotificationChannelType } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../core/config/config';
import { InjectConfig } from '../../../../core/config/config.module';
import { EmailSender } from './email.sender';
import { OutboundGuard } from './outbound-guard';
import type { Sender } from './sender';
import { SlackSender } from './slack.sender';
import { WebhookSender } from './webhook.sender';

/** One sender per channel type, sharing the outbound guard built from NOTIFY_ALLOWED_HOSTS. */
@Injectable()
export class Senders {
  readonly guard: OutboundGuard;
  private readonly byType: Record<NotificationChannelType, Sender>;

  constructor(@InjectConfig() config: AppConfig) {
    const { allowedHosts, timeoutMs } = config.notifications;
    this.guard = new OutboundGuard(allowedHosts);
    this.byType = {
      webhook: new WebhookSender(this.guard, timeoutMs),
      slack: new SlackSender(this.guard, timeoutMs),
      email: new EmailSender(this.guard, timeoutMs),
    };
  }

  for(type: NotificationChannelType): Sender {
    return this.byType[type];
  }
}
