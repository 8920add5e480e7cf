import { createHmac } from 'node:crypto';
import type { NotificationPayload } from '@dqw/shared-types';
import { postOnce } from './http-post';
import { UnsafeTargetError, type OutboundGuard } from './outbound-guard';
import type { ResolvedChannel, Sender, SendResult } from './sender';

export const SIGNATURE_HEADER = 'X-Watchtower-Signature';

/** `sha256=<hex HMAC-SHA256 of the exact body>` keyed with the channel's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** 4xx means the receiver rejects this request as such; 408 and 429 are worth another try. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** POST with a deadline; maps the answer (or the failure) to a SendResult. */
export async function postAndClassify(
  url: string,
  body: string,
  headers: Record<string, string>,
  guard: OutboundGuard,
  timeoutMs: number,
): Promise<SendResult> {
  const t0 = Date.now();
  try {
    const res = await postOnce(url, body, headers, guard, timeoutMs);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    const snippet = res.bodySnippet.replace(/\s+/g, ' ').trim().slice(0, 300);
    return {
      ok,
      statusCode: res.statusCode,
      error: ok ? null : `HTTP ${res.statusCode}${snippet ? `: ${snippet}` : ''}`,
      permanent:
        !ok && (isPermanentStatus(res.statusCode) || (res.statusCode >= 300 && res.statusCode < 400)),
      durationMs: Date.now() - t0,
    };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return {
      ok: false,
      statusCode: null,
      error: err.code ? `${err.code}: ${err.message}` : err.message,
      permanent: e instanceof UnsafeTargetError,
      durationMs: Date.now() - t0,
    };
  }
}

/** Generic webhook: the payload as JSON, signed. */
export class WebhookSender implements Sender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly timeoutMs: number,
  ) {}

  send(
    channel: ResolvedChannel,
    payload: NotificationPayload,
    body: string,
    deliveryId: string,
  ): Promise<SendResult> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Watchtower-Notifier',
      'X-Watchtower-Event': payload.event,
      'X-Watchtower-Delivery': deliveryId,
      'X-Watchtower-Key': payload.key,
    };
    if (channel.secret) headers[SIGNATURE_HEADER] = signature(channel.secret, body);
    return postAndClassify(channel.url ?? '', body, headers, this.guard, this.timeoutMs);
  }
}
