import pg from 'pg';
import { statsStatement, planColumns, valuesStatement } from '../../src/lib/profile/sql/statements';
import { postgresDialect as d } from '../../src/lib/sql/dialects';
import { plantedOrders } from './planted';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await c.connect();
  const all = plantedOrders(1, 1).columns.map((x) => ({ name: x.name, type: 'string' as const }));
  const ds = {
    name: 't',
    schema: { columns: all, nullMarkers: [] },
    source: { kind: 'table' as const, table: 't', schema: 'dqw_e3_bench' },
  };
  const cols = planColumns(ds);
  cols[6].formats = ['YYYY/MM/DD HH:mm:ss'];
  for (const jit of ['on', 'off', 'on', 'off']) {
    await c.query(`SET jit = ${jit}`);
    const st = statsStatement(d, ds, cols);
    let t = Date.now();
    await c.query(st.sql, st.params);
    console.log('jit', jit, 'stats', Date.now() - t, 'ms');
    const v = valuesStatement(d, ds, cols, [cols[1], cols[4], cols[5], cols[7]], 20);
    t = Date.now();
    await c.query(v.sql, v.params);
    console.log('jit', jit, 'values', Date.now() - t, 'ms');
  }
  await c.end();
}
void main();
