import type { NotificationPayload } from '@dqw/shared-types';
import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import { detailLines } from '../payload';
import { UnsafeTargetError, type OutboundGuard } from './outbound-guard';
import type { ResolvedChannel, Sender, SendResult } from './sender';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Email over SMTP (nodemailer), to the host the guard vetted, within one deadline for the conversation. */
export class EmailSender implements Sender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly timeoutMs: number,
  ) {}

  async send(channel: ResolvedChannel, payload: NotificationPayload): Promise<SendResult> {
    const t0 = Date.now();
    const s = channel.email;
    if (!s) return { ok: false, statusCode: null, error: 'No SMTP settings', permanent: true, durationMs: 0 };
    let close = (): void => undefined;
    try {
      // Connect to the address that was checked (not a second DNS answer); TLS still verifies the name.
      const [target] = await this.guard.resolve(s.host);
      const transport = createTransport({
        host: target.address,
        port: s.port,
        secure: s.secure,
        auth: s.username ? { user: s.username, pass: channel.secret ?? '' } : undefined,
        tls: isIP(s.host) ? {} : { servername: s.host },
        connectionTimeout: this.timeoutMs,
        greetingTimeout: this.timeoutMs,
        socketTimeout: this.timeoutMs,
      });
      close = () => transport.close();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`No answer within ${this.timeoutMs} ms (timed out)`)),
          this.timeoutMs,
        );
      });
      try {
        const info = (await Promise.race([
          transport.sendMail({
            from: s.from,
            to: s.to,
            subject: payload.text.slice(0, 250),
            text: detailLines(payload).join('\n'),
            headers: { 'X-Watchtower-Key': payload.key },
          }),
          deadline,
        ])) as { response?: string };
        const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? 250);
        return { ok: true, statusCode: code, error: null, permanent: false, durationMs: Date.now() - t0 };
      } finally {
        clearTimeout(timer);
      }
    } catch (e) {
      const err = e as SmtpError;
      const code = err.responseCode ?? null;
      return {
        ok: false,
        statusCode: code,
        error: (err.response ?? (err.code ? `${err.code}: ${err.message}` : err.message)).slice(0, 500),
        // A 5xx reply (rejected recipient, failed authentication) won't change on a retry.
        permanent: e instanceof UnsafeTargetError || (code !== null && code >= 500) || err.code === 'EAUTH',
        durationMs: Date.now() - t0,
      };
    } finally {
      close();
    }
  }
}
