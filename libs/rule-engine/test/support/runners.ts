/**
 * `SqlRunner`s over the real drivers, for tests and the benchmark. Each test database is created for
 * the run (a PostgreSQL schema, a MariaDB database, an in-memory SQLite or DuckDB) and dropped by
 * `close()`; tables are loaded through `loadTable` with bound values.
 */
import {
  DOUBLE,
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { sqliteUserFunctions } from '../../src/lib/sql/sqlite-functions';
import { duckdbSessionSettings, type DuckdbSessionOptions } from '../../src/lib/sql/duckdb-session';
import type { SqlDialect, SqlRunner } from '../../src/lib/model';
import type { RegexEngine } from '../../src/lib/regex/engine';
import { TEST_DATABASE_URL, TEST_MYSQL_URL, uniqueName } from './services';

/** A column of a test table: TEXT unless a native SQL type is given. */
export interface TableColumn {
  name: string;
  sqlType?: string;
}

export interface TestDatabase {
  readonly dialect: SqlDialect;
  readonly runner: SqlRunner;
  /** Schema (PostgreSQL) or database (MySQL) holding the test tables; undefined where there is one. */
  readonly schema?: string;
  loadTable(table: string, columns: TableColumn[], rows: readonly (readonly unknown[])[]): Promise<void>;
  close(): Promise<void>;
}

const quote = (q: string, name: string) => q + name.split(q).join(q + q) + q;

async function insertBatched(
  rows: readonly (readonly unknown[])[],
  width: number,
  maxParams: number,
  insert: (batch: readonly (readonly unknown[])[]) => Promise<void>,
): Promise<void> {
  const per = Math.max(1, Math.floor(maxParams / Math.max(1, width)));
  for (let i = 0; i < rows.length; i += per) await insert(rows.slice(i, i + per));
}

/**
 * node-api would bind an integral JS number as BIGINT (and fail past int64, e.g. 1e100): every number the
 * compiler binds is a double.
 */
export function duckdbParamTypes(params: readonly unknown[]): DuckDBType[] {
  return params.map((v) => (typeof v === 'number' ? DOUBLE : undefined)) as DuckDBType[];
}

export async function duckdbDatabase(
  settings: DuckdbSessionOptions = { threads: 2, memoryLimit: '1GB' },
): Promise<TestDatabase & { connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const sql of duckdbSessionSettings(settings)) await conn.run(sql);
  const runner: SqlRunner = {
    dialect: 'duckdb',
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[],
    ): Promise<Row[]> {
      const reader = await conn.runAndReadAll(sql, params as DuckDBValue[], duckdbParamTypes(params));
      return reader.getRowObjectsJS() as Row[];
    },
  };
  return {
    dialect: 'duckdb',
    runner,
    connection: conn,
    async loadTable(table, columns, rows) {
      const q = (n: string) => quote('"', n);
      await conn.run(
        `CREATE TABLE ${q(table)} (${columns.map((c) => `${q(c.name)} ${c.sqlType ?? 'VARCHAR'}`).join(', ')})`,
      );
      await insertBatched(rows, columns.length, 2000, async (batch) => {
        const values = batch.map(
          (r) => `(${r.map((_v, j) => `CAST(? AS ${columns[j].sqlType ?? 'VARCHAR'})`).join(', ')})`,
        );
        await conn.run(`INSERT INTO ${q(table)} VALUES ${values.join(', ')}`, batch.flat() as DuckDBValue[]);
      });
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export async function postgresDatabase(url = TEST_DATABASE_URL): Promise<TestDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = uniqueName('dqw_re');
  const q = (n: string) => quote('"', n);
  await client.query(`CREATE SCHEMA ${q(schema)}`);
  await client.query(`SET search_path TO ${q(schema)}`);
  const runner: SqlRunner = {
    dialect: 'postgres',
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[],
    ): Promise<Row[]> {
      const res = await client.query({ text: sql, values: params as unknown[] });
      return res.rows as Row[];
    },
  };
  return {
    dialect: 'postgres',
    runner,
    schema,
    async loadTable(table, columns, rows) {
      await client.query(
        `CREATE TABLE ${q(table)} (${columns.map((c) => `${q(c.name)} ${c.sqlType ?? 'text'}`).join(', ')})`,
      );
      await insertBatched(rows, columns.length, 30000, async (batch) => {
        let k = 0;
        const values = batch.map((r) => `(${r.map(() => `$${++k}`).join(', ')})`);
        await client.query({
          text: `INSERT INTO ${q(table)} VALUES ${values.join(', ')}`,
          values: batch.flat() as unknown[],
        });
      });
    },
    async close() {
      await client.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
      await client.end();
    },
  };
}

export async function mysqlDatabase(url = TEST_MYSQL_URL): Promise<TestDatabase> {
  const database = uniqueName('dqw_re');
  const admin = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
  const q = (n: string) => quote('`', n);
  await admin.query(`CREATE DATABASE ${q(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  await admin.end();
  const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4', database, timezone: 'Z' });
  await conn.query(`SET time_zone = '+00:00'`);
  const runner: SqlRunner = {
    dialect: 'mysql',
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[],
    ): Promise<Row[]> {
      // Server-side prepared statements: values travel apart from the SQL text.
      const [rows] = await conn.execute(sql, params as Parameters<typeof conn.execute>[1]);
      return rows as Row[];
    },
  };
  return {
    dialect: 'mysql',
    runner,
    schema: database,
    async loadTable(table, columns, rows) {
      await conn.query(
        `CREATE TABLE ${q(table)} (${columns.map((c) => `${q(c.name)} ${c.sqlType ?? 'LONGTEXT'}`).join(', ')}) CHARACTER SET utf8mb4`,
      );
      await insertBatched(rows, columns.length, 20000, async (batch) => {
        const values = batch.map((r) => `(${r.map(() => '?').join(', ')})`);
        await conn.query(`INSERT INTO ${q(table)} VALUES ${values.join(', ')}`, batch.flat() as unknown[]);
      });
    },
    async close() {
      await conn.query(`DROP DATABASE IF EXISTS ${q(database)}`);
      await conn.end();
    },
  };
}

/** SQLite in memory, with the user functions the sqlite dialect needs (RE2 from `engine`). */
export async function sqliteDatabase(engine?: RegexEngine): Promise<TestDatabase> {
  const db = new Database(':memory:');
  for (const [name, fn] of Object.entries(sqliteUserFunctions(engine))) {
    db.function(name, { deterministic: true }, fn as (...args: unknown[]) => unknown);
  }
  const q = (n: string) => quote('"', n);
  const runner: SqlRunner = {
    dialect: 'sqlite',
    async query<Row extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[],
    ): Promise<Row[]> {
      const stmt = db.prepare(sql);
      return (
        stmt.reader ? stmt.all(...(params as unknown[])) : (stmt.run(...(params as unknown[])), [])
      ) as Row[];
    },
  };
  return {
    dialect: 'sqlite',
    runner,
    async loadTable(table, columns, rows) {
      db.exec(
        `CREATE TABLE ${q(table)} (${columns.map((c) => `${q(c.name)} ${c.sqlType ?? 'TEXT'}`).join(', ')})`,
      );
      const insert = db.prepare(`INSERT INTO ${q(table)} VALUES (${columns.map(() => '?').join(', ')})`);
      db.transaction(() => {
        for (const r of rows) insert.run(...(r as unknown[]));
      })();
    },
    async close() {
      db.close();
    },
  };
}
