import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type request from 'supertest';
import { InProcessQueueBackend, JobQueue } from '../../src/core/queue';
import type { SessionClient, TestApp } from '../support/test-app';

/** A multipart upload: fields first (as the web app sends them), then the file. */
export function upload(
  client: SessionClient,
  url: string,
  file: { content: Buffer | string; name?: string } | null,
  fields: Record<string, string> = {},
  opts: { fieldsAfterFile?: boolean } = {},
): request.Test {
  let req = client.agent.post(url).set('X-CSRF-Token', client.csrf);
  const addFields = () => {
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  };
  if (!opts.fieldsAfterFile) addFields();
  if (file) {
    const buf = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    req = req.attach('file', buf, { filename: file.name ?? 'data.csv', contentType: 'text/csv' });
  }
  if (opts.fieldsAfterFile) addFields();
  return req;
}

/**
 * A multipart body built by hand, for what form libraries won't send (a file name with a path: they
 * strip it to its base name).
 */
export function rawUpload(
  client: SessionClient,
  url: string,
  fields: Record<string, string>,
  file: { content: string; filename: string },
): request.Test {
  const boundary = `----dqw${Date.now()}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename.replace(/"/g, '%22')}"\r\n` +
      `Content-Type: text/csv\r\n\r\n${file.content}\r\n--${boundary}--\r\n`,
  );
  return client.agent
    .post(url)
    .set('X-CSRF-Token', client.csrf)
    .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
    .send(Buffer.from(parts.join(''), 'utf8'));
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

/** Every regular file under `dir`, relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** What an upload could leave behind: rows of the dataset tables and files in storage. */
export async function datasetState(t: TestApp): Promise<{ rows: Record<string, number>; files: string[] }> {
  const rows: Record<string, number> = {};
  for (const table of ['datasets', 'dataset_versions', 'dataset_profiles', 'dataset_recommendations']) {
    const [r] = (await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: string | number }[];
    rows[table] = Number(r.n);
  }
  return { rows, files: filesUnder(join(t.dataDir, 'storage')) };
}

/** Polls until `fn` holds (cleanup after an aborted request happens after the socket closes). */
export async function eventually(fn: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
