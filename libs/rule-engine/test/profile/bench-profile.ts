/**
 * Profiling benchmark: a seeded N-row orders CSV (default 1,000,000) profiled on DuckDB, and — when
 * PostgreSQL answers — the same rows as a native table. Prints wall time per engine.
 *
 *   node -r @swc-node/register libs/rule-engine/test/profile/bench-profile.ts [--rows 1000000] [--pg]
 */
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDataset } from '../../src/lib/profile/profile-dataset';
import { duckdbDatabase } from '../support/runners';
import { plantedOrders, toCsv } from './planted';

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.indexOf(`--${name}`);
  const rows = arg('rows') > 0 ? Number(process.argv[arg('rows') + 1]) : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'dqw-bench-profile-'));
  const keep = arg('csv') > 0 ? process.argv[arg('csv') + 1] : null;
  const path = keep ?? join(dir, 'orders.csv');
  if (!keep || !existsSync(keep)) await generate(path, rows);
  const columns = plantedOrders(1, 1).columns.map((c) => ({ name: c.name, type: 'string' as const }));
  const db = await duckdbDatabase();
  const runner = db.runner;
  try {
    for (const run of [1, 2]) {
      const t = Date.now();
      const p = await profileDataset(runner, {
        name: 'orders',
        schema: { columns, nullMarkers: [] },
        source: { kind: 'csv', path },
      });
      console.log(
        `duckdb run ${run}: ${Date.now() - t} ms, ${p.plan?.scans} scans, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
      );
      if (run === 1)
        for (const c of p.columns)
          console.log(
            `  ${c.name}: ${c.type}${c.format ? ' ' + c.format : ''}, distinct ${c.distinctCount}${c.distinctExact ? '' : ' (approx)'}`,
          );
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
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
