import type { NotificationPayload } from '@dqw/shared-types';
import { detailLines } from '../payload';
import type { OutboundGuard } from './outbound-guard';
import type { ResolvedChannel, Sender, SendResult } from './sender';
import { postAndClassify } from './webhook.sender';

/** Slack's mrkdwn treats &, < and > as markup. */
const escapeMrkdwn = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The body of a Slack-compatible incoming webhook (Mattermost and Rocket.Chat accept it too). */
export function slackBody(payload: NotificationPayload): string {
  const [first, ...rest] = detailLines(payload).map(escapeMrkdwn);
  const url = payload.incident?.url;
  const text = [`*${first}*`, ...rest.filter((l) => l !== '' && l !== (url ? escapeMrkdwn(url) : ''))].join(
    '\n',
  );
  return JSON.stringify({ text: url ? `${text}\n<${url}|Open the incident>` : text });
}

export class SlackSender implements Sender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly timeoutMs: number,
  ) {}

  send(channel: ResolvedChannel, payload: NotificationPayload): Promise<SendResult> {
    return postAndClassify(
      channel.url ?? '',
      slackBody(payload),
      { 'Content-Type': 'application/json', 'User-Agent': 'Watchtower-Notifier' },
      this.guard,
      this.timeoutMs,
    );
  }
}
