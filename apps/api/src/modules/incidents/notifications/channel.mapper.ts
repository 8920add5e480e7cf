import type {
  EmailChannelSettings,
  NotificationAttemptDto,
  NotificationChannelDto,
  NotificationDeliveryDto,
  NotificationEvent,
} from '@dqw/shared-types';
import type { Encryptor } from '../../../core/storage/encryption';
import type { NotificationAttempt } from './notification-attempt.entity';
import type { NotificationChannel } from './notification-channel.entity';
import type { NotificationDelivery } from './notification-delivery.entity';
import type { ResolvedChannel } from './senders/sender';

export function channelEvents(c: NotificationChannel): NotificationEvent[] {
  return JSON.parse(c.events) as NotificationEvent[];
}

export function channelEmail(c: NotificationChannel): EmailChannelSettings | null {
  return c.email ? (JSON.parse(c.email) as EmailChannelSettings) : null;
}

export function toChannelDto(c: NotificationChannel): NotificationChannelDto {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    enabled: c.enabled,
    events: channelEvents(c),
    minSeverity: c.minSeverity,
    url: c.urlDisplay,
    email: channelEmail(c),
    hasSecret: c.secretEnc !== null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Decrypts what a sender needs; only called by the worker that sends. */
export function resolveChannel(c: NotificationChannel, enc: Encryptor): ResolvedChannel {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    url: c.urlEnc ? enc.decryptText(c.urlEnc) : null,
    secret: c.secretEnc ? enc.decryptText(c.secretEnc) : null,
    email: channelEmail(c),
  };
}

/** Slack hook URLs carry their credential in the path: show the origin only. */
export function displayUrl(type: NotificationChannel['type'], url: string): string {
  if (type !== 'slack') return url;
  const u = new URL(url);
  return `${u.origin}/…`;
}

export function toAttemptDto(a: NotificationAttempt): NotificationAttemptDto {
  return {
    attempt: a.attempt,
    at: a.at.toISOString(),
    ok: a.ok,
    statusCode: a.statusCode,
    error: a.error,
    durationMs: a.durationMs,
  };
}

export function toDeliveryDto(
  d: NotificationDelivery,
  attempts: NotificationAttempt[],
): NotificationDeliveryDto {
  return {
    id: d.id,
    channelId: d.channelId,
    incidentId: d.incidentId,
    event: d.event as NotificationDeliveryDto['event'],
    key: d.key,
    status: d.status,
    attempts: attempts.map(toAttemptDto),
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
  };
}
