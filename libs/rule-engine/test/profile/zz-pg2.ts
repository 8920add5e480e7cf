import pg from 'pg';
import { statsStatement, planColumns } from '../../src/lib/profile/sql/statements';
import { postgresDialect as d } from '../../src/lib/sql/dialects';
import { plantedOrders } from './planted';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await c.connect();
  const all = plantedOrders(1, 1).columns.map((x) => ({ name: x.name, type: 'string' as const }));
  for (const only of [...all.map((x) => [x]), []]) {
    const ds = {
      name: 't',
      schema: { columns: only, nullMarkers: [] },
      source: { kind: 'table' as const, table: 't', schema: 'dqw_e3_bench' },
    };
    const cols = planColumns(ds);
    if (only[0]?.name === 'created_at') cols[0].formats = ['YYYY/MM/DD HH:mm:ss'];
    const st = statsStatement(d, ds, cols);
    const t = Date.now();
    await c.query(st.sql, st.params);
    console.log(only[0]?.name ?? 'none', Date.now() - t, 'ms');
  }
  if (process.argv[2]) {
    const ds = {
      name: 't',
      schema: { columns: [all[6]], nullMarkers: [] },
      source: { kind: 'table' as const, table: 't', schema: 'dqw_e3_bench' },
    };
    const cols = planColumns(ds);
    const st = statsStatement(d, ds, cols);
    const r = await c.query('EXPLAIN (ANALYZE, VERBOSE) ' + st.sql, st.params);
    console.log(
      r.rows
        .map((x) => x['QUERY PLAN'])
        .join('\n')
        .slice(0, 3000),
    );
  }
  await c.end();
}
void main();
