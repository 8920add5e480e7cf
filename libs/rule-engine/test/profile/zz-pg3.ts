import pg from 'pg';
import { statsStatement, planColumns } from '../../src/lib/profile/sql/statements';
import { postgresDialect as d } from '../../src/lib/sql/dialects';
async function main() {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await c.connect();
  const ds = {
    name: 't',
    schema: { columns: [{ name: 'status', type: 'string' as const }], nullMarkers: [] },
    source: { kind: 'table' as const, table: 't', schema: 'dqw_e3_bench' },
  };
  const st = statsStatement(d, ds, planColumns(ds));
  const r = await c.query('EXPLAIN (ANALYZE) ' + st.sql, st.params);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  const q = async (label: string, sql: string) => {
    const t = Date.now();
    await c.query(sql);
    console.log(label, Date.now() - t);
  };
  await q('count', 'SELECT count(status) FROM dqw_e3_bench.t');
  await q(
    'btrim',
    `SELECT count(btrim(status, chr(32) || chr(9) || chr(10) || chr(13) || chr(12) || chr(11))) FROM dqw_e3_bench.t`,
  );
  await q(
    'approx',
    `SELECT count(DISTINCT CASE WHEN (hashtext(status) & 63) = 0 THEN status COLLATE "C" END) FROM dqw_e3_bench.t`,
  );
  await q(
    '5 moments',
    `SELECT count(x), min(x), max(x), avg(x), stddev_samp(x) FROM (SELECT CAST(NULL AS double precision) x FROM dqw_e3_bench.t) s`,
  );
  await q(
    '3 layers',
    `SELECT count(x) FROM (SELECT x FROM (SELECT x FROM (SELECT status x FROM dqw_e3_bench.t OFFSET 0) a OFFSET 0) b OFFSET 0) c`,
  );
  console.log(st.sql.slice(0, 6000));
  await c.end();
}
void main();
