import { InProcessQueueBackend, JobQueue } from '../../src/core/queue';
import type { SessionClient, TestApp } from '../support/test-app';
import type request from 'supertest';

/** A multipart upload: fields first (as the web app sends them), then the file. */
export function upload(
  client: SessionClient,
  url: string,
  file: { content: Buffer | string; name?: string } | null,
  fields: Record<string, string> = {},
): request.Test {
  let req = client.agent.post(url).set('X-CSRF-Token', client.csrf);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) {
    const buf = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    req = req.attach('file', buf, { filename: file.name ?? 'data.csv', contentType: 'text/csv' });
  }
  return req;
}

/** Waits until the embedded queue has run everything (profiling jobs). */
export async function drainQueue(t: TestApp): Promise<void> {
  const backend = t.app.get(JobQueue).backend;
  if (backend instanceof InProcessQueueBackend) await backend.onIdle();
}

/** A CSV from rows (first row = header). */
export function csv(rows: (string | number | null)[][], eol = '\n'): string {
  return rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join(eol) + eol;
}

export const ORDERS_CSV = csv([
  ['order_id', 'customer_id', 'amount', 'status', 'created_at'],
  ...Array.from({ length: 60 }, (_, i) => [
    i + 1,
    (i % 7) + 1,
    (10 + i * 3.5).toFixed(2),
    ['new', 'paid', 'shipped'][i % 3],
    `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
  ]),
]);
