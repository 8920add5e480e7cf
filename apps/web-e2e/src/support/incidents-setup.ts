import type { CreateRuleRequest, IncidentListResponse, RuleDetailDto } from '@dqw/shared-types';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { ApiSession } from './rules-setup';

/** One JSON call of the API as the signed-in session (CSRF header included); throws on a non-2xx answer. */
export async function call<T>(
  baseUrl: string,
  session: ApiSession,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function createRule(
  baseUrl: string,
  session: ApiSession,
  rule: CreateRuleRequest,
): Promise<RuleDetailDto> {
  return call(baseUrl, session, 'POST', '/api/rules', rule);
}

/** Runs every active rule of a dataset and waits until the failing ones have opened `incidents` incidents. */
export async function runUntilIncidents(
  baseUrl: string,
  session: ApiSession,
  datasetId: string,
  incidents: number,
): Promise<IncidentListResponse> {
  await call(baseUrl, session, 'POST', '/api/rules/run', { datasetId });
  const deadline = Date.now() + 60_000;
  let last: IncidentListResponse | null = null;
  while (Date.now() < deadline) {
    last = await call<IncidentListResponse>(baseUrl, session, 'GET', '/api/incidents?status=OPEN');
    if (last.total >= incidents) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`expected ${incidents} open incidents within 60 s, saw ${last?.total ?? 'none'}`);
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** A local HTTP server standing in for a team's webhook endpoint: records every request, answers 200. */
export function startReceiver(port: number): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
