import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { OutboundGuard } from './outbound-guard';

export interface HttpAnswer {
  statusCode: number;
  /** At most the first 2 KB, for the delivery log. */
  bodySnippet: string;
}

const SNIPPET_BYTES = 2048;

/**
 * POSTs `body` once, within `timeoutMs` for everything (connect, send, answer, body). Redirects are
 * not followed (a 3xx is an answer like any other), and the guard vets every address at connect time.
 */
export async function postOnce(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  guard: OutboundGuard,
  timeoutMs: number,
): Promise<HttpAnswer> {
  const url = guard.parseUrl(rawUrl);
  // Literal IPs skip `lookup`, so they are checked here; names are checked when the socket connects.
  await guard.resolve(url.hostname);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers },
        lookup: guard.lookupFor(url.hostname),
        agent: false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < SNIPPET_BYTES) chunks.push(c.subarray(0, SNIPPET_BYTES - size));
          size += c.length;
        });
        res.on('end', () =>
          finish(() =>
            resolve({ statusCode: res.statusCode ?? 0, bodySnippet: Buffer.concat(chunks).toString('utf8') }),
          ),
        );
        res.on('error', (e) => finish(() => reject(e)));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new Error(`No answer within ${timeoutMs} ms (timed out)`)));
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish(() => reject(e)));
    req.end(body);
  });
}
