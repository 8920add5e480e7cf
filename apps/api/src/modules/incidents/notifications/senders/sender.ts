import type { EmailChannelSettings, NotificationChannelType, NotificationPayload } from '@dqw/shared-types';

/** A channel with its secrets decrypted, as the senders need it (never leaves the worker). */
export interface ResolvedChannel {
  id: string;
  name: string;
  type: NotificationChannelType;
  url: string | null;
  secret: string | null;
  email: EmailChannelSettings | null;
}

export interface SendResult {
  ok: boolean;
  /** HTTP status or SMTP reply code; null when nothing answered. */
  statusCode: number | null;
  error: string | null;
  /** Retrying can't help (refused target, 4xx answer, SMTP 5xx). */
  permanent: boolean;
  durationMs: number;
}

export interface Sender {
  send(
    channel: ResolvedChannel,
    payload: NotificationPayload,
    body: string,
    deliveryId: string,
  ): Promise<SendResult>;
}
