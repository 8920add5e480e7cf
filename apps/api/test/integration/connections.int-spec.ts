import { Roles } from '@dqw/shared-types';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { DatasetAccess } from '../../src/modules/datasets/dataset-access.service';
import { drainQueue } from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { TEST_DATABASE_URL } from '../support/postgres';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

const TEST_MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/test';
const IS_CI = process.env['CI'] === 'true';

/** MariaDB answers, or (locally only) its tests are skipped; on CI a missing MariaDB fails them. */
async function mysqlAvailable(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: TEST_MYSQL_URL, connectTimeout: 3000 });
    await c.end();
    return true;
  } catch (e) {
    if (IS_CI)
      throw new Error(`MariaDB is required on CI but ${TEST_MYSQL_URL} does not answer: ${String(e)}`);
    return false;
  }
}

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const pgUrl = new URL(TEST_DATABASE_URL);
const myUrl = new URL(TEST_MYSQL_URL);
const tag = () => randomBytes(4).toString('hex');

describeEachDb('connections and table datasets', (kind) => {
  let t: TestApp;
  let de: SessionClient;
  let pgSchema: string;
  let pgAdmin: pg.Client;
  let myDb: string | null = null;
  let myAdmin: mysql.Connection | null = null;
  let hasMysql = false;

  beforeAll(async () => {
    t = await startTestApp(kind);
    de = await t.loginAs(Roles.DataEngineer);
    pgSchema = `dqw_src_${tag()}`;
    pgAdmin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await pgAdmin.connect();
    await pgAdmin.query(`CREATE SCHEMA ${pgSchema}`);
    await pgAdmin.query(`CREATE TABLE ${pgSchema}.orders (
      id integer PRIMARY KEY, customer text, amount numeric(10,2), paid boolean, placed date,
      updated timestamptz, note varchar(40), payload jsonb)`);
    await pgAdmin.query(`INSERT INTO ${pgSchema}.orders
      SELECT g, 'cust-' || (g % 7), g * 1.5, g % 2 = 0, DATE '2024-01-01' + g, TIMESTAMPTZ '2024-01-01 00:00:00Z' + g * INTERVAL '1 hour',
             CASE WHEN g % 10 = 0 THEN 'N/A' ELSE ' note ' || g END, jsonb_build_object('g', g)
      FROM generate_series(1, 200) g`);
    hasMysql = await mysqlAvailable();
    if (hasMysql) {
      myDb = `dqw_src_${tag()}`;
      myAdmin = await mysql.createConnection({ uri: TEST_MYSQL_URL });
      await myAdmin.query(`CREATE DATABASE ${myDb} CHARACTER SET utf8mb4`);
      await myAdmin.query(`CREATE TABLE ${myDb}.orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2),
        paid TINYINT(1), placed DATE, updated DATETIME, note TEXT)`);
      await myAdmin.query(`INSERT INTO ${myDb}.orders SELECT seq, CONCAT('cust-', seq % 7), seq * 1.5, seq % 2 = 0,
        DATE '2024-01-01' + INTERVAL seq DAY, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq HOUR, CONCAT(' note ', seq)
        FROM seq_1_to_200`);
    }
  });
  afterAll(async () => {
    await t?.close();
    await pgAdmin?.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
    await pgAdmin?.end();
    if (myAdmin && myDb) await myAdmin.query(`DROP DATABASE IF EXISTS ${myDb}`);
    await myAdmin?.end();
  });

  async function connect(body: Record<string, unknown>): Promise<string> {
    const res = await de.post('/api/connections', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  it('keeps credentials encrypted and never returns them; validates fields; Analysts have no access', async () => {
    const password = `pw-${tag()}-secret`;
    const url = `postgres://postgres:${password}@${pgUrl.hostname}:${pgUrl.port || 5432}${pgUrl.pathname}`;
    const res = await de.post('/api/connections', { name: 'Warehouse', kind: 'postgres', url });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Warehouse',
      kind: 'postgres',
      host: pgUrl.hostname,
      user: 'postgres',
      hasPassword: true,
      ssl: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(password);
    const id = res.body.id;
    for (const r of [await de.get('/api/connections'), await de.get(`/api/connections/${id}`)]) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain(password);
    }
    const rows = await t.dataSource.query('SELECT * FROM connections');
    expect(JSON.stringify(rows)).not.toContain(password);
    const audit = await t.dataSource.query('SELECT summary, changes FROM audit_entries');
    expect(JSON.stringify(audit)).not.toContain(password);

    expect((await de.post('/api/connections', { name: 'warehouse', kind: 'postgres', url })).status).toBe(
      409,
    );
    expect(
      (await de.post('/api/connections', { name: 'x1', kind: 'postgres', url: 'not a url' })).status,
    ).toBe(400);
    expect((await de.post('/api/connections', { name: 'x2', kind: 'mysql', url })).status).toBe(400);
    expect(
      (await de.post('/api/connections', { name: 'x3', kind: 'postgres', user: 'u', database: 'd' })).status,
    ).toBe(400);
    expect(
      (await de.post('/api/connections', { name: 'x4', kind: 'sqlite', path: '../watchtower.sqlite' }))
        .status,
    ).toBe(400);
    expect(
      (await de.post('/api/connections', { name: 'x5', kind: 'sqlite', path: '/etc/passwd' })).status,
    ).toBe(400);
    expect((await de.post('/api/connections', { name: 'x6', kind: 'oracle', host: 'h' })).status).toBe(400);

    const renamed = await de.patch(`/api/connections/${id}`, {
      name: 'Warehouse 2',
      password: 'other-secret',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Warehouse 2', hasPassword: true, host: pgUrl.hostname });
    const analyst = await t.loginAs(Roles.Analyst);
    expect((await analyst.get('/api/connections')).status).toBe(403);
    expect((await analyst.post(`/api/connections/${id}/test`)).status).toBe(403);
    expect((await de.delete(`/api/connections/${id}`)).status).toBe(204);
    expect((await de.get(`/api/connections/${id}`)).status).toBe(404);
  });

  it('tests reachability: visible tables, or a clear failure within a bounded time', async () => {
    const ok = await connect({
      name: `pg ok ${tag()}`,
      kind: 'postgres',
      host: pgUrl.hostname,
      port: Number(pgUrl.port || 5432),
      user: 'postgres',
      database: pgUrl.pathname.slice(1),
    });
    const res = await de.post(`/api/connections/${ok}/test`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.tables).toContain(`${pgSchema}.orders`);

    const port = await closedPort();
    const closed = await connect({
      name: `closed ${tag()}`,
      kind: 'postgres',
      host: '127.0.0.1',
      port,
      user: 'u',
      database: 'd',
    });
    const started = Date.now();
    const refused = await de.post(`/api/connections/${closed}/test`);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, tables: [] });
    expect(refused.body.message).toMatch(/refused/i);
    expect(Date.now() - started).toBeLessThan(10_000);

    const noDb = await connect({
      name: `no db ${tag()}`,
      kind: 'postgres',
      host: pgUrl.hostname,
      port: Number(pgUrl.port || 5432),
      user: 'postgres',
      database: `missing_${tag()}`,
    });
    const missing = await de.post(`/api/connections/${noDb}/test`);
    expect(missing.body).toMatchObject({ ok: false });
    expect(missing.body.message).toMatch(/database does not exist/i);

    if (hasMysql) {
      const bad = await connect({
        name: `my bad ${tag()}`,
        kind: 'mysql',
        host: myUrl.hostname,
        port: Number(myUrl.port || 3306),
        user: `nobody_${tag()}`,
        password: 'wrong',
      });
      const denied = await de.post(`/api/connections/${bad}/test`);
      expect(denied.body).toMatchObject({ ok: false });
      expect(denied.body.message, denied.body.message).toMatch(/refused the user name or password/);
      expect(denied.body.message).not.toContain('wrong');
    }
    expect((await de.post('/api/connections/00000000-0000-4000-8000-000000000001/test')).status).toBe(404);
  });

  it('registers a PostgreSQL table: introspected types, profile by SQL aggregates, read-only sessions, snapshots with drift', async () => {
    const conn = await connect({ name: `pg ${tag()}`, kind: 'postgres', url: TEST_DATABASE_URL });
    expect(
      (await de.post('/api/datasets', { name: 'pg missing', connectionId: conn, table: `${pgSchema}.nope` }))
        .status,
    ).toBe(400);
    const res = await de.post('/api/datasets', {
      name: 'pg orders',
      connectionId: conn,
      table: `${pgSchema}.orders`,
      nullMarkers: ['N/A'],
      keyColumns: ['id'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sourceType: 'table',
      connectionId: conn,
      table: `${pgSchema}.orders`,
      keyColumns: ['id'],
    });
    expect(res.body.currentVersion.columns).toEqual([
      { name: 'id', type: 'integer', storage: 'native', nativeType: 'integer', format: null },
      { name: 'customer', type: 'string', storage: 'text', nativeType: 'text', format: null },
      { name: 'amount', type: 'decimal', storage: 'native', nativeType: 'numeric', format: null },
      { name: 'paid', type: 'boolean', storage: 'native', nativeType: 'boolean', format: null },
      { name: 'placed', type: 'date', storage: 'native', nativeType: 'date', format: null },
      {
        name: 'updated',
        type: 'timestamp',
        storage: 'native',
        nativeType: 'timestamp with time zone',
        format: null,
      },
      { name: 'note', type: 'string', storage: 'text', nativeType: 'character varying', format: null },
      {
        name: 'payload',
        type: 'string',
        storage: 'native',
        nativeType: 'jsonb',
        format: null,
        unsupported: true,
      },
    ]);
    // A json column can't be read by rules: it is listed with the version, not in the dataset's schema.
    expect(res.body.columns.map((c: { name: string }) => c.name)).not.toContain('payload');
    await drainQueue(t);
    const id = res.body.id;
    const profile = await de.get(`/api/datasets/${id}/profile`);
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    expect(profile.body.rowCount).toBe(200);
    const col = (n: string) => profile.body.columns.find((c: { name: string }) => c.name === n);
    expect(col('amount')).toMatchObject({ type: 'decimal', min: 1.5, max: 300, nullCount: 0 });
    expect(col('note')).toMatchObject({ nullCount: 20 });
    expect(col('placed')).toMatchObject({ min: '2024-01-02', max: '2024-07-19' });
    const sample = await de.get(`/api/datasets/${id}/sample?limit=2`);
    expect(sample.body.rows).toHaveLength(2);
    expect(sample.body.rows[0]).toMatchObject({
      id: expect.any(String),
      customer: expect.stringMatching(/^cust-/),
    });

    const opened = await t.app.get(DatasetAccess).open(id);
    try {
      await expect(opened.runner.query(`CREATE TABLE ${pgSchema}.hacked (a int)`, [])).rejects.toThrow(
        /read-only/,
      );
      await expect(opened.runner.query(`DELETE FROM ${pgSchema}.orders`, [])).rejects.toThrow(/read-only/);
      await expect(
        opened.runner.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM x', []),
      ).rejects.toThrow();
    } finally {
      await opened.close();
    }
    const [{ n }] = (await pgAdmin.query(`SELECT count(*)::int AS n FROM ${pgSchema}.orders`)).rows;
    expect(n).toBe(200);

    await pgAdmin.query(`ALTER TABLE ${pgSchema}.orders ADD COLUMN region text`);
    const snap = await de.post(`/api/datasets/${id}/versions`);
    expect(snap.status).toBe(201);
    expect(snap.body).toMatchObject({ number: 2, sha256: null });
    await drainQueue(t);
    const versions = await de.get(`/api/datasets/${id}/versions`);
    expect(versions.body.items[0].drift).toMatchObject({ added: ['region'], removed: [], retyped: [] });
    expect((await de.delete(`/api/connections/${conn}`)).status).toBe(409);
  });

  it('registers a MariaDB table and a SQLite table', async (ctx) => {
    const sourcesDir = t.config.datasets.sqliteSourcesDir;
    mkdirSync(sourcesDir, { recursive: true });
    const file = join(sourcesDir, `shop-${tag()}.db`);
    const db = new Database(file);
    db.exec(`CREATE TABLE items (sku TEXT, qty INTEGER, price REAL, added DATE)`);
    const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 50; i++)
      insert.run(`SKU-${i}`, i, i / 4, `2024-02-${String((i % 28) + 1).padStart(2, '0')}`);
    db.close();
    const sq = await connect({
      name: `sqlite ${tag()}`,
      kind: 'sqlite',
      path: file.slice(sourcesDir.length + 1),
    });
    expect((await de.post(`/api/connections/${sq}/test`)).body).toMatchObject({
      ok: true,
      tables: ['items'],
    });
    const reg = await de.post('/api/datasets', { name: 'sqlite items', connectionId: sq, table: 'items' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    await drainQueue(t);
    const p = await de.get(`/api/datasets/${reg.body.id}/profile`);
    expect(p.body.rowCount).toBe(50);
    const opened = await t.app.get(DatasetAccess).open(reg.body.id);
    try {
      await expect(opened.runner.query('DELETE FROM items', [])).rejects.toThrow();
    } finally {
      await opened.close();
    }

    if (!hasMysql) return ctx.skip();
    const my = await connect({
      name: `maria ${tag()}`,
      kind: 'mysql',
      host: myUrl.hostname,
      port: Number(myUrl.port || 3306),
      user: decodeURIComponent(myUrl.username),
      database: myDb,
    });
    const tested = await de.post(`/api/connections/${my}/test`);
    expect(tested.body).toMatchObject({ ok: true });
    expect(tested.body.tables).toContain('orders');
    const res = await de.post('/api/datasets', { name: 'maria orders', connectionId: my, table: 'orders' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(
      res.body.currentVersion.columns.map((c: { name: string; type: string; storage: string }) => [
        c.name,
        c.type,
        c.storage,
      ]),
    ).toEqual([
      ['id', 'integer', 'native'],
      ['customer', 'string', 'text'],
      ['amount', 'decimal', 'native'],
      ['paid', 'boolean', 'native'],
      ['placed', 'date', 'native'],
      ['updated', 'timestamp', 'native'],
      ['note', 'string', 'text'],
    ]);
    await drainQueue(t);
    const profile = await de.get(`/api/datasets/${res.body.id}/profile`);
    expect(profile.body.rowCount).toBe(200);
    const opened2 = await t.app.get(DatasetAccess).open(res.body.id);
    try {
      await expect(opened2.runner.query(`DELETE FROM orders`, [])).rejects.toThrow(/READ ONLY/i);
    } finally {
      await opened2.close();
    }
    expect(
      (await de.post('/api/datasets', { name: 'maria missing', connectionId: my, table: 'nope' })).status,
    ).toBe(400);
  });
});

/**
 * Issue 4: profiles of tables run as SQL aggregates where the rows live, never pulling the table into
 * Node: a 1M-row table on the real PostgreSQL and MariaDB (built in a schema/database of this test).
 * Run once (the app's own database doesn't matter here); the durations are printed for the record.
 */
describe('1M-row tables profiled on the server', () => {
  let t: TestApp;
  let de: SessionClient;
  const ROWS = 1_000_000;
  beforeAll(async () => {
    // A loaded machine makes MariaDB's profile of a million rows slow; the default 10-minute statement
    // timeout is a production guard, not part of what is tested here.
    t = await startTestApp('sqlite', { env: { SOURCE_QUERY_TIMEOUT_MS: '3600000' } });
    de = await t.loginAs(Roles.DataEngineer);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function profileTable(name: string, connection: Record<string, unknown>, table: string) {
    const conn = await de.post('/api/connections', { name, ...connection });
    expect(conn.status, JSON.stringify(conn.body)).toBe(201);
    const res = await de.post('/api/datasets', { name, connectionId: conn.body.id, table });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const started = Date.now();
    await drainQueue(t);
    const ms = Date.now() - started;
    const versions = await de.get(`/api/datasets/${res.body.id}/versions`);
    expect(versions.body.items[0]).toMatchObject({ status: 'ready', rowCount: ROWS });
    const profile = await de.get(`/api/datasets/${res.body.id}/profile`);
    console.log(`[measure] ${name}: 1M-row table profiled in ${ms} ms (${profile.body.profiledAt})`);
    return profile.body as {
      rowCount: number;
      columns: { name: string; distinctCount: number; min: unknown; max: unknown; nullCount: number }[];
    };
  }

  it('PostgreSQL: 1M rows (generate_series)', async () => {
    const schema = `dqw_big_${tag()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.query(`CREATE TABLE ${schema}.events AS
        SELECT g AS id, g % 1000 AS customer_id, (g % 997) * 1.25 AS amount,
               (ARRAY['new','paid','shipped','refunded'])[1 + g % 4] AS status,
               CASE WHEN g % 50 = 0 THEN NULL ELSE 'user' || (g % 5000) || '@example.com' END AS email,
               TIMESTAMPTZ '2024-01-01 00:00:00Z' + g * INTERVAL '1 second' AS created_at
        FROM generate_series(1, ${ROWS}) g`);
      await admin.query(`ANALYZE ${schema}.events`);
      const p = await profileTable(
        `pg big ${tag()}`,
        { kind: 'postgres', url: TEST_DATABASE_URL },
        `${schema}.events`,
      );
      const col = (n: string) => p.columns.find((c) => c.name === n);
      expect(col('id')).toMatchObject({ min: 1, max: ROWS, nullCount: 0 });
      expect(col('status')).toMatchObject({ distinctCount: 4 });
      expect(col('email')).toMatchObject({ nullCount: ROWS / 50 });
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }, 1_800_000);

  it('MariaDB: 1M rows (sequence engine)', async (ctx) => {
    if (!(await mysqlAvailable())) return ctx.skip();
    const db = `dqw_big_${tag()}`;
    const admin = await mysql.createConnection({ uri: TEST_MYSQL_URL });
    try {
      await admin.query(`CREATE DATABASE ${db} CHARACTER SET utf8mb4`);
      await admin.query(`CREATE TABLE ${db}.events (id INT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2),
        status VARCHAR(10), email VARCHAR(60), created_at DATETIME)`);
      await admin.query(`INSERT INTO ${db}.events SELECT seq, seq % 1000, (seq % 997) * 1.25,
          ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'refunded'),
          IF(seq % 50 = 0, NULL, CONCAT('user', seq % 5000, '@example.com')),
          TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND
        FROM seq_1_to_${ROWS}`);
      const p = await profileTable(
        `maria big ${tag()}`,
        {
          kind: 'mysql',
          host: myUrl.hostname,
          port: Number(myUrl.port || 3306),
          user: decodeURIComponent(myUrl.username),
          database: db,
        },
        'events',
      );
      const col = (n: string) => p.columns.find((c) => c.name === n);
      expect(col('id')).toMatchObject({ min: 1, max: ROWS, nullCount: 0 });
      expect(col('status')).toMatchObject({ distinctCount: 4 });
      expect(col('email')).toMatchObject({ nullCount: ROWS / 50 });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin.end();
    }
  }, 1_800_000);
});
