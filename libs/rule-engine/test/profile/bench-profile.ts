/**
 * Profiling benchmark: a seeded N-row orders CSV (default 1,000,000) profiled on DuckDB, and — when
 * PostgreSQL answers — the same rows as a native table. Prints wall time per engine.
 *
 *   node -r @swc-node/register libs/rule-engine/test/profile/bench-profile.ts [--rows N] [--csv keep.csv] [--pg]
 *
 * `--pg` loads the file into PostgreSQL on this machine with a server-side COPY (TEXT and native tables).
 */
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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

async function timed(
  label: string,
  runner: SqlRunner,
  ref: DatasetRef,
  cpu?: () => Promise<number>,
): Promise<void> {
  for (const run of [1, 2]) {
    const t = Date.now();
    const c0 = cpu ? await cpu() : 0;
    const p = await profileDataset(runner, ref);
    const server = cpu ? `, server cpu ${(await cpu()) - c0} ms` : '';
    console.log(
      `${label} run ${run}: ${Date.now() - t} ms${server}, ${p.rowCount} rows, ${p.plan?.scans} scans, ` +
        `node rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, load ${loadavg()[0].toFixed(1)}`,
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
    // CPU time of the server process running the statements (Linux): what a busy machine doesn't inflate.
    const pid = Number((await q('SELECT pg_backend_pid() AS pid'))[0]['pid']);
    const cpu = async () => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    };
    const textRef = table(
      'orders_text',
      COLUMNS.map((c) => ({ name: c.name, type: 'string' })),
    );
    const nativeRef = table(
      'orders_native',
      COLUMNS.map((c) => ({ name: c.name, type: c.type, storage: 'native', nativeType: native[c.type] })),
    );
    // JIT compiling the wide statement costs more than it saves; callers' sessions decide (see report).
    for (const jit of ['off', 'on']) {
      await q(`SET jit = ${jit}`);
      await timed(`postgres text table (jit ${jit})`, db.runner, textRef, cpu);
      await timed(`postgres native table (jit ${jit})`, db.runner, nativeRef, cpu);
    }
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
    if (!ok) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise<void>((res) => out.end(() => res()));
  console.log(`generated ${rows} rows in ${Date.now() - t0} ms`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
