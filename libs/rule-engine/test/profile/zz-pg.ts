import pg from 'pg';
import { statsStatement, valuesStatement, planColumns } from '../../src/lib/profile/sql/statements';
import { postgresDialect as d } from '../../src/lib/sql/dialects';
import { PATTERN_CLASSES } from '../../src/lib/profile/patterns';
import { plantedOrders } from './planted';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await c.connect();
  const mode = process.argv[2];
  if (mode === 'load') {
    await c.query('DROP SCHEMA IF EXISTS dqw_e3_bench CASCADE; CREATE SCHEMA dqw_e3_bench');
    const cols = plantedOrders(1, 1).columns;
    await c.query(`CREATE TABLE dqw_e3_bench.t (${cols.map((x) => `"${x.name}" text`).join(', ')})`);
    await c.query(`COPY dqw_e3_bench.t FROM '/tmp/e3/keep.csv' WITH (FORMAT csv, HEADER true)`);
    await c.query('ANALYZE dqw_e3_bench.t');
    console.log('loaded');
    await c.end();
    return;
  }
  if (mode === 'drop') {
    await c.query('DROP SCHEMA IF EXISTS dqw_e3_bench CASCADE');
    await c.end();
    return;
  }
  const columns = plantedOrders(1, 1).columns.map((x) => ({ name: x.name, type: 'string' as const }));
  const ds = {
    name: 't',
    schema: { columns, nullMarkers: [] },
    source: { kind: 'table' as const, table: 't', schema: 'dqw_e3_bench' },
  };
  const time = async (label: string, build: () => { sql: string; params: unknown[] }) => {
    const st = build();
    const t = Date.now();
    await c.query(st.sql, st.params);
    console.log(label, Date.now() - t, 'ms', st.sql.length);
  };
  await time('count', () => ({ sql: 'SELECT count(*) FROM dqw_e3_bench.t', params: [] }));
  await time('max all', () => ({
    sql: `SELECT ${columns.map((x) => `max("${x.name}")`).join(',')} FROM dqw_e3_bench.t`,
    params: [],
  }));
  await time('trim all', () => ({
    sql: `SELECT ${columns.map((x) => `max(${d.trim(`"${x.name}"`)})`).join(',')} FROM dqw_e3_bench.t`,
    params: [],
  }));
  const cols = planColumns(ds);
  cols[6].formats = ['YYYY/MM/DD HH:mm:ss'];
  await time('stats full', () => statsStatement(d, ds, cols));
  await time('stats no markers', () => statsStatement(d, ds, cols, []));
  const saved = [...PATTERN_CLASSES];
  (PATTERN_CLASSES as unknown as unknown[]).splice(0);
  await time('stats no markers no patterns', () => statsStatement(d, ds, cols, []));
  const cols2 = planColumns(ds);
  await time('stats no markers no patterns no formats', () => statsStatement(d, ds, cols2, []));
  (PATTERN_CLASSES as unknown as unknown[]).push(...saved);
  await time('values 3 cols', () => valuesStatement(d, ds, cols, [cols[1], cols[4], cols[7]], 20));
  await time('values +zip', () => valuesStatement(d, ds, cols, [cols[1], cols[4], cols[5], cols[7]], 20));
  await c.end();
}
void main();
