/**
 * Profiling benchmark: a seeded N-row orders CSV (default 1,000,000) profiled on DuckDB, and — when
 * PostgreSQL answers — the same rows as a native table. Prints wall time per engine.
 *
 *   node -r @swc-node/register libs/rule-engine/test/profile/bench-profile.ts [--rows N] [--csv keep.csv] [--pg]
 *
 * `--pg` loads the file into PostgreSQL on this machine with a server-side COPY (TEXT and native tables).
 */
import { chmodSync, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDataset } from '../../src/lib/profile/profile-dataset';
import type { ColumnSchema, DatasetRef, SqlRunner } from '../../src/lib/model';
import { duckdbDatabase, postgresDatabase } from '../support/runners';
import { plantedOrders, toCsv } from './planted';

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.indexOf(`--${name}`);
  const rows = arg('rows') > 0 ? Number(process.argv[arg('rows') + 1]) : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'dqw-bench-profile-'));
  const keep = arg('csv') > 0 ? process.argv[arg('csv') + 1] : null;
  const path = keep ?? join(dir, 'orders.csv');
  if (!keep || !existsSync(keep)) await generate(path, rows);
  try {
    await benchDuckdb(path);
    if (arg('pg') > 0) await benchPostgres(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const COLUMNS = plantedOrders(1, 1).columns;

async function timed(label: string, runner: SqlRunner, ref: DatasetRef): Promise<void> {
  for (const run of [1, 2]) {
    const t = Date.now();
    const p = await profileDataset(runner, ref);
    console.log(
      `${label} run ${run}: ${Date.now() - t} ms, ${p.rowCount} rows, ${p.plan?.scans} scans, ` +
        `node rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
    if (run === 1) {
      for (const c of p.columns) {
        const distinct = `${c.distinctCount}${c.distinctExact ? '' : ' (estimate)'}`;
        console.log(`  ${c.name}: ${c.type}${c.format ? ' ' + c.format : ''}, distinct ${distinct}`);
      }
    }
  }
}

async function benchDuckdb(path: string): Promise<void> {
  const db = await duckdbDatabase();
  try {
    const columns = COLUMNS.map((c) => ({ name: c.name, type: 'string' as const }));
    await timed('duckdb csv', db.runner, {
      name: 'orders',
      schema: { columns, nullMarkers: [] },
      source: { kind: 'csv', path },
    });
  } finally {
    await db.close();
  }
}

/** Loads the file server-side (COPY; PostgreSQL runs on this machine) as a TEXT and a native table. */
async function benchPostgres(path: string, dir: string): Promise<void> {
  const db = await postgresDatabase();
  try {
    chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    const q = (sql: string) => db.runner.query(sql, []);
    const t = Date.now();
    await q(`CREATE TABLE orders_text (${COLUMNS.map((c) => `"${c.name}" text`).join(', ')})`);
    await q(`COPY orders_text FROM '${path.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`);
    const native: Record<string, string> = {
      integer: 'bigint',
      decimal: 'double precision',
      string: 'text',
      timestamp: 'timestamp',
      boolean: 'boolean',
    };
    await q(`CREATE TABLE orders_native (${COLUMNS.map((c) => `"${c.name}" ${native[c.type]}`).join(', ')})`);
    const cast = (c: (typeof COLUMNS)[number]) =>
      c.type === 'timestamp'
        ? `CAST(replace("${c.name}", '/', '-') AS timestamp)`
        : `CAST("${c.name}" AS ${native[c.type]})`;
    await q(`INSERT INTO orders_native SELECT ${COLUMNS.map(cast).join(', ')} FROM orders_text`);
    await q('ANALYZE');
    console.log(`postgres load: ${Date.now() - t} ms`);
    const table = (name: string, columns: ColumnSchema[]): DatasetRef => ({
      name,
      schema: { columns, nullMarkers: [] },
      source: { kind: 'table', table: name, schema: db.schema },
    });
    await timed(
      'postgres text table',
      db.runner,
      table(
        'orders_text',
        COLUMNS.map((c) => ({ name: c.name, type: 'string' })),
      ),
    );
    await timed(
      'postgres native table',
      db.runner,
      table(
        'orders_native',
        COLUMNS.map((c) => ({ name: c.name, type: c.type, storage: 'native', nativeType: native[c.type] })),
      ),
    );
  } finally {
    await db.close();
  }
}

async function generate(path: string, rows: number): Promise<void> {
  const t0 = Date.now();
  const out = createWriteStream(path);
  const chunk = 100_000;
  for (let done = 0; done < rows; done += chunk) {
    const part = plantedOrders(1000 + done, Math.min(chunk, rows - done));
    // Keep order ids unique across chunks.
    for (const r of part.rows) {
      r[0] = String(Number(r[0]) + done);
      r[2] = (r[2] ?? '').replace(/^user(\d+)/, (_m, k: string) => `user${Number(k) + done}`);
    }
    const text = toCsv(part);
    const ok = out.write(done === 0 ? text : text.slice(text.indexOf('\n') + 1));
    if (!ok) await new Promise((res) => out.once('drain', res));
  }
  await new Promise((res) => out.end(res));
  console.log(`generated ${rows} rows in ${Date.now() - t0} ms`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
