import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers the next request: a status, or never (to hit the sender's timeout). */
export type Reply = number | 'hang';

/**
 * A real HTTP server on 127.0.0.1 standing in for a webhook or Slack endpoint: records every request
 * exactly as received and answers from a script (default 200).
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private script: Reply[] = [];
  private readonly hung: ServerResponse[] = [];
  private server!: Server;
  url = '';

  static async start(): Promise<WebhookReceiver> {
    const r = new WebhookReceiver();
    r.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        r.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = r.script.shift() ?? 200;
        if (reply === 'hang') {
          r.hung.push(res);
          return;
        }
        res.writeHead(reply, { 'Content-Type': 'text/plain' }).end(reply < 300 ? 'ok' : `failure ${reply}`);
      });
    });
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook`;
    return r;
  }

  /** The next answers, in order; afterwards 200. */
  replyWith(...replies: Reply[]): void {
    this.script = replies;
  }

  reset(): void {
    this.requests.length = 0;
    this.script = [];
  }

  json<T = unknown>(i: number): T {
    return JSON.parse(this.requests[i].body) as T;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  /** The body, quoted-printable decoded. */
  text: string;
  user: string | null;
}

/** Splits a received message into headers and its decoded text body (quoted-printable or plain). */
function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, cut).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(cut).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const qp = /quoted-printable/i.test(headers['content-transfer-encoding'] ?? '');
  const text = qp
    ? Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8')
    : body;
  return { headers, text: text.replace(/\r?\n$/, '') };
}

/** A real SMTP server (smtp-server) on 127.0.0.1; `reject` makes it refuse messages with 550. */
export class MailReceiver {
  readonly mails: ReceivedMail[] = [];
  reject = false;
  private server!: SMTPServer;
  port = 0;

  static async start(auth: { user: string; pass: string } | null = null): Promise<MailReceiver> {
    const m = new MailReceiver();
    const options: SMTPServerOptions = {
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: auth === null,
      allowInsecureAuth: true,
      logger: false,
      onAuth(a, _session, cb) {
        if (auth && a.username === auth.user && a.password === auth.pass) cb(null, { user: a.username });
        else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (m.reject) {
            cb(Object.assign(new Error('Mailbox unavailable: message refused'), { responseCode: 550 }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          m.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...parseMail(raw),
            user: (session.user as string | undefined) ?? null,
          });
          cb();
        });
      },
    };
    m.server = new SMTPServer(options);
    await new Promise<void>((resolve) => m.server.listen(0, '127.0.0.1', resolve));
    m.port = (m.server.server.address() as AddressInfo).port;
    return m;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
