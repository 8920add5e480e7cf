/**
 * The same planted data profiled on every engine: DuckDB reading the CSV file (the reference), and
 * PostgreSQL, MariaDB, SQLite and DuckDB tables — once as TEXT tables (text storage, read by the
 * reading rules) and once as native typed tables. Profiles must agree on counts, types and moments,
 * and every recommendation must pass on each engine's own copy of the data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnSchema, ColumnType, DatasetRef, SqlDialect } from '../../src/lib/model';
import { profileDataset } from '../../src/lib/profile/profile-dataset';
import type { DatasetProfile } from '../../src/lib/profile/types';
import { backtestOnSql } from '../../src/lib/recommend/backtest';
import { recommendRules } from '../../src/lib/recommend/recommend';
import {
  duckdbDatabase,
  mysqlDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/runners';
import { serviceAvailable } from '../support/services';
import { column, comparable, textSchema } from './helpers';
import { plantedCustomers, plantedOrders, toCsv, type PlantedTable } from './planted';

// Real databases on a shared 2-core machine: allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

const orders = plantedOrders();
const customers = plantedCustomers();
const NOW = new Date('2024-06-01T12:00:00Z');
const DETAIL = [
  'topValues',
  'patterns',
  'nullMarkerCounts',
  'minLength',
  'maxLength',
  'distinctExact',
] as const;

/** Native SQL types per engine for the planted columns' types. */
const NATIVE: Record<SqlDialect, Record<ColumnType, string>> = {
  postgres: {
    integer: 'bigint',
    decimal: 'double precision',
    string: 'text',
    timestamp: 'timestamp',
    boolean: 'boolean',
    date: 'date',
  },
  mysql: {
    integer: 'BIGINT',
    decimal: 'DOUBLE',
    string: 'VARCHAR(200)',
    timestamp: 'DATETIME',
    boolean: 'BOOLEAN',
    date: 'DATE',
  },
  sqlite: {
    integer: 'INTEGER',
    decimal: 'REAL',
    string: 'TEXT',
    timestamp: 'TEXT',
    boolean: 'INTEGER',
    date: 'TEXT',
  },
  duckdb: {
    integer: 'BIGINT',
    decimal: 'DOUBLE',
    string: 'VARCHAR',
    timestamp: 'TIMESTAMP',
    boolean: 'BOOLEAN',
    date: 'DATE',
  },
};

/** A planted cell as the native column holds it (ISO timestamps; 1/0 booleans where there is no boolean). */
function nativeCell(dialect: SqlDialect, type: ColumnType, v: string | null): unknown {
  if (v === null) return null;
  if (type === 'timestamp') return v.replace(/\//g, '-');
  if (type === 'boolean' && (dialect === 'mysql' || dialect === 'sqlite')) return v === 'true' ? 1 : 0;
  return v;
}

const ENGINES: { dialect: SqlDialect; open: () => Promise<TestDatabase> }[] = [
  { dialect: 'postgres', open: () => postgresDatabase() },
  { dialect: 'mysql', open: () => mysqlDatabase() },
  { dialect: 'sqlite', open: () => sqliteDatabase() },
  { dialect: 'duckdb', open: () => duckdbDatabase() },
];

let dir: string;
let reference: { orders: DatasetProfile; customers: DatasetProfile };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dqw-profile-engines-'));
  const duck = await duckdbDatabase();
  try {
    const file = async (t: PlantedTable) => {
      writeFileSync(join(dir, `${t.name}.csv`), toCsv(t));
      return profileDataset(
        duck.runner,
        { name: t.name, schema: textSchema(t), source: { kind: 'csv', path: join(dir, `${t.name}.csv`) } },
        { now: NOW },
      );
    };
    reference = { orders: await file(orders), customers: await file(customers) };
  } finally {
    await duck.close();
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ENGINES)('$dialect tables', ({ dialect, open }) => {
  let db: TestDatabase | undefined;
  const refs: Record<string, DatasetRef> = {};
  const table = (name: string, schema: DatasetRef['schema']): DatasetRef => ({
    name,
    schema,
    source: { kind: 'table', table: name, ...(db?.schema ? { schema: db.schema } : {}) },
  });

  beforeAll(async () => {
    const ok = await serviceAvailable(dialect, async () => {
      db = await open();
    });
    if (!ok || !db) return;
    for (const t of [orders, customers]) {
      await db.loadTable(
        t.name,
        t.columns.map((c) => ({ name: c.name })),
        t.rows,
      );
      refs[t.name] = table(t.name, textSchema(t));
    }
    const native = `${orders.name}_native`;
    await db.loadTable(
      native,
      orders.columns.map((c) => ({ name: c.name, sqlType: NATIVE[dialect][c.type] })),
      orders.rows.map((r) => r.map((v, i) => nativeCell(dialect, orders.columns[i].type, v))),
    );
    const columns: ColumnSchema[] = orders.columns.map((c) => ({
      name: c.name,
      type: c.type,
      storage: 'native',
      nativeType: NATIVE[dialect][c.type],
    }));
    refs['native'] = table(native, { columns, nullMarkers: [] });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('profiles a TEXT table exactly as DuckDB profiles the file', async (ctx) => {
    if (!db) return ctx.skip();
    const p = await profileDataset(db.runner, refs['orders'], { now: NOW });
    expect(p.plan?.scans).toBe(2);
    expect(comparable(p, [...DETAIL])).toEqual(comparable(reference.orders, [...DETAIL]));
    expect(comparable(await profileDataset(db.runner, refs['customers'], { now: NOW }), [...DETAIL])).toEqual(
      comparable(reference.customers, [...DETAIL]),
    );
  });

  it('profiles a native table with the same counts and moments', async (ctx) => {
    if (!db) return ctx.skip();
    const p = await profileDataset(db.runner, refs['native'], { now: NOW });
    const pick = (q: DatasetProfile) =>
      q.columns.map((c) => ({
        name: c.name,
        type: c.type,
        nullCount: c.nullCount,
        distinctCount: c.distinctCount,
        singletonCount: c.singletonCount,
        min: c.min,
        max: c.max,
        mean: c.mean === null ? null : Number(c.mean.toPrecision(9)),
      }));
    expect(pick(p)).toEqual(pick(reference.orders));
    expect(column(p, 'created_at')).toMatchObject({ storage: 'native', typeSource: 'native', format: null });
    // Text columns of a native table still get their pattern classes.
    expect(column(p, 'zip').patterns.find((x) => x.name === 'digits')?.share).toBe(1);
  });

  it('estimates distinct values above the bound and says so', async (ctx) => {
    if (!db) return ctx.skip();
    const p = await profileDataset(db.runner, refs['orders'], { now: NOW, distinctExactLimit: 50 });
    const email = column(p, 'email');
    if (dialect === 'sqlite') {
      // No estimator: the statistics scan counts exactly, but top values are skipped.
      expect([email.distinctCount, email.distinctExact, email.topValues]).toEqual([1000, true, []]);
    } else {
      expect(email.distinctExact).toBe(false);
      expect(email.distinctCount).toBeGreaterThan(500);
      expect(email.distinctCount).toBeLessThan(2000);
      expect(email.topValues).toEqual([]);
    }
    expect(column(p, 'status')).toMatchObject({ distinctCount: 4, distinctExact: true });
  });

  it('back-tests every recommendation on this engine, FOREIGN_KEY included', async (ctx) => {
    if (!db) return ctx.skip();
    const o = await profileDataset(db.runner, refs['orders'], { now: NOW });
    const c = await profileDataset(db.runner, refs['customers'], { now: NOW });
    const others = [{ name: 'customers', profile: c, ref: refs['customers'] }];
    const suggestions = recommendRules(o, { otherDatasets: others });
    expect(suggestions.map((s) => s.type)).toContain('FOREIGN_KEY');
    const out = await backtestOnSql(db.runner, refs['orders'], o, suggestions, { otherDatasets: others });
    expect(out.rejected.map((s) => `${s.dsl}: ${s.backtest?.status} ${s.backtest?.message ?? ''}`)).toEqual(
      [],
    );
    expect(out.accepted).toHaveLength(suggestions.length);
  });
});
