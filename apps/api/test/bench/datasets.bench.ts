/**
 * `npm run bench:datasets`
 * (builds the API first): the built API in embedded mode (SQLite, in-process queue), measured from outside.
 *   1. upload memory: a generated CSV of BENCH_UPLOAD_MB (default 1024) streamed as multipart without ever
 *      being held in memory or on disk by the client; the server's RSS is sampled from /proc every 100 ms and
 *      its rise over the idle baseline is reported (issue 4: at most ~100 MB for 1 GB);
 *   2. a 1,000,000-row CSV: upload time, then profile time (until the version is `ready`);
 *   3. 1,000,000-row tables on the real PostgreSQL and MariaDB: registration to `ready`.
 * Env: BENCH_UPLOAD_MB, BENCH_ROWS (default 1000000), BENCH_SKIP (comma list of upload,csv,postgres,mysql),
 * TEST_DATABASE_URL, TEST_MYSQL_URL. Prints one line per measure.
 */
import type { DatasetVersionDto, Paged, UploadResultDto } from '@dqw/shared-types';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import { Api, ensureBuilt, startApi } from '../support/rules-processes';

const MB = 1024 * 1024;
const UPLOAD_MB = Number(process.env['BENCH_UPLOAD_MB'] ?? 1024);
const ROWS = Number(process.env['BENCH_ROWS'] ?? 1_000_000);
const SKIP = new Set((process.env['BENCH_SKIP'] ?? '').split(',').filter(Boolean));
const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const MY_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';
const ADMIN = { email: 'bench@test.local', password: 'Bench-Admin-Password-1' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A CSV of about `bytes` bytes (or `rows` rows), generated as it is read. */
function csvStream(opts: { bytes?: number; rows?: number }): Readable {
  let i = 0;
  let sent = 0;
  return new Readable({
    read() {
      if (i === 0) {
        const h = 'order_id,customer_id,email,amount,status,created_at\n';
        sent += h.length;
        this.push(h);
      }
      const lines: string[] = [];
      for (let k = 0; k < 2000; k++) {
        i++;
        lines.push(
          `${i},${i % 5000},user${i % 9000}@example.com,${((i * 7) % 100000) / 100},${['new', 'paid', 'shipped'][i % 3]},2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
        );
        if ((opts.rows && i >= opts.rows) || (opts.bytes && sent >= opts.bytes)) break;
      }
      const chunk = lines.join('\n') + '\n';
      sent += chunk.length;
      this.push(chunk);
      if ((opts.rows && i >= opts.rows) || (opts.bytes && sent >= opts.bytes)) this.push(null);
    },
  });
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Streams a multipart upload (fields, then the generated file) with a Bearer token. */
async function streamUpload(
  base: string,
  token: string,
  name: string,
  body: Readable,
  onSent: () => void = () => undefined,
): Promise<UploadResultDto> {
  const boundary = `----dqwbench${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${base}/api/datasets`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          res.statusCode === 201
            ? resolve(JSON.parse(text) as UploadResultDto)
            : reject(new Error(`${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.write(head);
    body.on('data', (c: Buffer) => {
      if (!req.write(c)) body.pause();
    });
    req.on('drain', () => body.resume());
    body.on('end', () => {
      req.end(tail);
      onSent();
    });
  });
}

async function waitReady(api: Api, datasetId: string, timeoutMs = 3_600_000): Promise<DatasetVersionDto> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await api.ok<Paged<DatasetVersionDto>>('GET', `/api/datasets/${datasetId}/versions?pageSize=1`);
    const top = v.items[0];
    if (top?.status === 'ready') return top;
    if (top?.status === 'error') throw new Error(`profiling failed: ${top.error}`);
    if (Date.now() > until) throw new Error('profiling did not finish in time');
    await sleep(200);
  }
}

async function main(): Promise<void> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'dqw-bench-datasets-'));
  const api = await startApi(
    {
      PATH: process.env['PATH'],
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WATCHTOWER_ADMIN_EMAIL: ADMIN.email,
      WATCHTOWER_ADMIN_PASSWORD: ADMIN.password,
      UPLOAD_MAX_BYTES: '16gb',
      // Passed through so the DuckDB caps can be compared.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DUCKDB_'))),
    },
    dataDir,
  );
  const pid = api.proc.pid as number;
  try {
    const client = await Api.asAdmin(api.base, ADMIN.email, ADMIN.password);
    const token = (client as unknown as { token: string }).token;

    if (!SKIP.has('upload')) {
      // Warm-up: a small upload starts the embedded DuckDB, which a running API has started long ago.
      const warm = await streamUpload(api.base, token, 'warm up', csvStream({ rows: 1000 }));
      await client.ok('DELETE', `/api/datasets/${warm.dataset.id}`);
      await sleep(1000);
      const baseline = rssOf(pid);
      // Two phases: the body streaming to storage, then DuckDB reading the stored file once to check it.
      const peak = { transfer: baseline, check: baseline };
      let phase: keyof typeof peak = 'transfer';
      const timer = setInterval(() => (peak[phase] = Math.max(peak[phase], rssOf(pid))), 100);
      const t0 = Date.now();
      let sentMs = 0;
      const res = await streamUpload(
        api.base,
        token,
        'upload memory',
        csvStream({ bytes: UPLOAD_MB * MB }),
        () => {
          sentMs = Date.now() - t0;
          phase = 'check';
        },
      );
      const uploadMs = Date.now() - t0;
      clearInterval(timer);
      const mib = (n: number) => `${(n / MB).toFixed(0)} MiB`;
      console.log(
        `[upload] ${mib(res.version.sizeBytes ?? 0)}, ${res.version.rowCount} rows: sent in ${sentMs} ms, stored and checked in ${uploadMs} ms; ` +
          `server RSS baseline ${mib(baseline)}, rise while streaming ${mib(peak.transfer - baseline)}, ` +
          `rise while DuckDB checks the file ${mib(peak.check - baseline)}`,
      );
      await client.ok('DELETE', `/api/datasets/${res.dataset.id}`);
    }

    if (!SKIP.has('csv')) {
      const t0 = Date.now();
      const res = await streamUpload(api.base, token, 'csv 1M', csvStream({ rows: ROWS }));
      const up = Date.now() - t0;
      const t1 = Date.now();
      const v = await waitReady(client, res.dataset.id);
      console.log(
        `[csv] ${v.rowCount} rows (${((v.sizeBytes ?? 0) / MB).toFixed(0)} MiB): upload+check ${up} ms, profile+recommendations ${Date.now() - t1} ms`,
      );
    }

    if (!SKIP.has('postgres')) {
      const schema = `dqw_bench_${Date.now()}`;
      const pg = new Client({ connectionString: PG_URL });
      await pg.connect();
      try {
        await pg.query(`CREATE SCHEMA ${schema}`);
        await pg.query(`CREATE TABLE ${schema}.events AS SELECT g AS id, g % 1000 AS customer_id, (g % 997) * 1.25 AS amount,
          (ARRAY['new','paid','shipped','refunded'])[1 + g % 4] AS status,
          CASE WHEN g % 50 = 0 THEN NULL ELSE 'user' || (g % 5000) || '@example.com' END AS email,
          TIMESTAMPTZ '2024-01-01 00:00:00Z' + g * INTERVAL '1 second' AS created_at FROM generate_series(1, ${ROWS}) g`);
        await pg.query(`ANALYZE ${schema}.events`);
        const conn = await client.ok<{ id: string }>(
          'POST',
          '/api/connections',
          { name: 'bench pg', kind: 'postgres', url: PG_URL },
          201,
        );
        const t0 = Date.now();
        const ds = await client.ok<{ id: string }>(
          'POST',
          '/api/datasets',
          { name: 'bench pg', connectionId: conn.id, table: `${schema}.events` },
          201,
        );
        const v = await waitReady(client, ds.id);
        console.log(
          `[postgres] ${v.rowCount} rows: registered and profiled in ${Date.now() - t0} ms (recommendations follow in the same job)`,
        );
      } finally {
        await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await pg.end();
      }
    }

    if (!SKIP.has('mysql')) {
      const db = `dqw_bench_${Date.now()}`;
      const my = await mysql.createConnection({ uri: MY_URL });
      try {
        await my.query(`CREATE DATABASE ${db}`);
        await my.query(
          `CREATE TABLE ${db}.events (id INT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2), status VARCHAR(10), email VARCHAR(60), created_at DATETIME)`,
        );
        await my.query(`INSERT INTO ${db}.events SELECT seq, seq % 1000, (seq % 997) * 1.25, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'refunded'),
          IF(seq % 50 = 0, NULL, CONCAT('user', seq % 5000, '@example.com')), TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_${ROWS}`);
        const u = new URL(MY_URL);
        const conn = await client.ok<{ id: string }>(
          'POST',
          '/api/connections',
          {
            name: 'bench maria',
            kind: 'mysql',
            host: u.hostname,
            port: Number(u.port || 3306),
            user: decodeURIComponent(u.username),
            database: db,
          },
          201,
        );
        const t0 = Date.now();
        const ds = await client.ok<{ id: string }>(
          'POST',
          '/api/datasets',
          { name: 'bench maria', connectionId: conn.id, table: 'events' },
          201,
        );
        const v = await waitReady(client, ds.id);
        console.log(
          `[mariadb] ${v.rowCount} rows: registered and profiled in ${Date.now() - t0} ms (recommendations follow in the same job)`,
        );
      } finally {
        await my.query(`DROP DATABASE IF EXISTS ${db}`);
        await my.end();
      }
    }
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
