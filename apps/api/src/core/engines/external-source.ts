import { sqliteUserFunctions, type SqlRunner } from '@dqw/rule-engine';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { regexEngine } from './regex';
import {
  mapMysqlType,
  mapPostgresType,
  mapSqliteType,
  type ConnectionSpec,
  type NativeColumn,
  type SourceLimits,
  type TableName,
} from './source-spec';

/**
 * An external database, read-only by construction: every PostgreSQL and MySQL/MariaDB session is put in
 * read-only mode with a statement timeout before its first query; SQLite files are opened read-only.
 */
export interface ExternalSource {
  readonly kind: ConnectionSpec['kind'];
  readonly runner: SqlRunner;
  /** Visible tables and views, `schema.table` where the table is outside the default schema/database. */
  listTables(limit?: number): Promise<string[]>;
  /** Columns of a table, or null when there is no such (visible) table. */
  describeTable(name: TableName): Promise<NativeColumn[] | null>;
  /** Where an unqualified table name lives (the default schema/database), for DatasetRef sources. */
  defaultSchema(): Promise<string | undefined>;
  close(): Promise<void>;
}

const APP_NAME = 'data-quality-watchtower';

export function openExternalSource(spec: ConnectionSpec, limits: SourceLimits): ExternalSource {
  switch (spec.kind) {
    case 'postgres':
      return new PostgresSource(spec, limits);
    case 'mysql':
      return new MysqlSource(spec, limits);
    case 'sqlite':
      return new SqliteSource(spec.path);
  }
}

type NetSpec = Extract<ConnectionSpec, { kind: 'postgres' | 'mysql' }>;

class PostgresSource implements ExternalSource {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private readonly prepared = new WeakSet<pg.PoolClient>();
  readonly runner: SqlRunner;

  constructor(spec: NetSpec, limits: SourceLimits) {
    this.pool = new pg.Pool({
      host: spec.host,
      port: spec.port,
      database: spec.database,
      user: spec.user,
      password: spec.password,
      ssl: spec.ssl ? { rejectUnauthorized: true } : false,
      max: 4,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: limits.connectTimeoutMs,
      // Server-side, from the first statement on; the SET below repeats it for poolers that drop options.
      options: `-c default_transaction_read_only=on -c statement_timeout=${limits.queryTimeoutMs}`,
      application_name: APP_NAME,
      query_timeout: limits.queryTimeoutMs + 5_000,
    });
    // An idle client losing its server must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
    this.runner = {
      dialect: 'postgres',
      query: <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) =>
        this.withClient(
          async (c) => (await c.query({ text: sql, values: params as unknown[] })).rows as Row[],
        ),
    };
  }

  private async withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let broken = false;
    try {
      if (!this.prepared.has(c)) {
        await c.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
        this.prepared.add(c);
      }
      return await fn(c);
    } catch (e) {
      broken = isConnectionError(e);
      throw e;
    } finally {
      c.release(broken);
    }
  }

  async listTables(limit = 1000): Promise<string[]> {
    const rows = await this.runner.query<{ s: string; t: string; def: boolean }>(
      `SELECT table_schema AS s, table_name AS t, table_schema = current_schema() AS def
         FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'
        ORDER BY (table_schema = current_schema()) DESC, table_schema, table_name LIMIT $1`,
      [limit],
    );
    return rows.map((r) => (r.def ? r.t : `${r.s}.${r.t}`));
  }

  async describeTable(name: TableName): Promise<NativeColumn[] | null> {
    const rows = await this.runner.query<{ name: string; data_type: string }>(
      `SELECT column_name AS name, data_type FROM information_schema.columns
        WHERE table_schema = COALESCE($1::text, current_schema()) AND table_name = $2 ORDER BY ordinal_position`,
      [name.schema ?? null, name.table],
    );
    return rows.length ? rows.map((r) => ({ name: r.name, ...mapPostgresType(r.data_type) })) : null;
  }

  async defaultSchema(): Promise<string | undefined> {
    const [row] = await this.runner.query<{ s: string | null }>('SELECT current_schema() AS s', []);
    return row?.s ?? undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class MysqlSource implements ExternalSource {
  readonly kind = 'mysql';
  private readonly pool: mysql.Pool;
  private readonly prepared = new WeakSet<object>();
  readonly runner: SqlRunner;

  constructor(
    spec: NetSpec,
    private readonly limits: SourceLimits,
  ) {
    this.pool = mysql.createPool({
      host: spec.host,
      port: spec.port,
      database: spec.database || undefined,
      user: spec.user,
      password: spec.password,
      ssl: spec.ssl ? { rejectUnauthorized: true } : undefined,
      connectionLimit: 4,
      connectTimeout: limits.connectTimeoutMs,
      charset: 'utf8mb4',
      timezone: 'Z',
      idleTimeout: 30_000,
      maxIdle: 1,
    });
    this.pool.on('connection', () => undefined);
    this.runner = {
      dialect: 'mysql',
      query: <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) =>
        this.withConn(async (c) => {
          // Server-side prepared statements: values travel apart from the SQL text.
          const [rows] = await c.execute(
            { sql, timeout: this.limits.queryTimeoutMs + 5_000 },
            params as Parameters<mysql.PoolConnection['execute']>[1],
          );
          return rows as Row[];
        }),
    };
  }

  private async withConn<T>(fn: (c: mysql.PoolConnection) => Promise<T>): Promise<T> {
    const c = await this.pool.getConnection();
    try {
      const core = c.connection as unknown as object;
      if (!this.prepared.has(core)) {
        await c.query('SET SESSION TRANSACTION READ ONLY');
        await c.query(`SET time_zone = '+00:00'`);
        const seconds = this.limits.queryTimeoutMs / 1000;
        // MariaDB names the limit max_statement_time (seconds); MySQL max_execution_time (ms, SELECT only).
        await c
          .query(`SET SESSION max_statement_time = ${seconds}`)
          .catch(() => c.query(`SET SESSION max_execution_time = ${this.limits.queryTimeoutMs}`));
        this.prepared.add(core);
      }
      return await fn(c);
    } finally {
      c.release();
    }
  }

  async listTables(limit = 1000): Promise<string[]> {
    const rows = await this.runner.query<{ s: string; t: string; def: number }>(
      `SELECT table_schema AS s, table_name AS t, (table_schema = DATABASE()) AS def
         FROM information_schema.tables
        WHERE table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
        ORDER BY (table_schema = DATABASE()) DESC, table_schema, table_name LIMIT ${Math.floor(limit)}`,
      [],
    );
    return rows.map((r) => (Number(r.def) === 1 ? r.t : `${r.s}.${r.t}`));
  }

  async describeTable(name: TableName): Promise<NativeColumn[] | null> {
    const rows = await this.runner.query<{ name: string; data_type: string; column_type: string }>(
      `SELECT column_name AS name, data_type AS data_type, column_type AS column_type FROM information_schema.columns
        WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? ORDER BY ordinal_position`,
      [name.schema ?? null, name.table],
    );
    return rows.length
      ? rows.map((r) => ({
          name: String(r.name),
          ...mapMysqlType(String(r.data_type), String(r.column_type)),
        }))
      : null;
  }

  async defaultSchema(): Promise<string | undefined> {
    const [row] = await this.runner.query<{ s: string | null }>('SELECT DATABASE() AS s', []);
    return row?.s ?? undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class SqliteSource implements ExternalSource {
  readonly kind = 'sqlite';
  private db: Database.Database | null = null;
  readonly runner: SqlRunner;

  constructor(private readonly path: string) {
    this.runner = {
      dialect: 'sqlite',
      query: async <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) => {
        const stmt = this.open().prepare(sql);
        if (!stmt.reader) throw new Error('Only queries that return rows run on a source database');
        return stmt.all(...(params as unknown[])) as Row[];
      },
    };
  }

  private open(): Database.Database {
    if (!this.db) {
      const db = new Database(this.path, { readonly: true, fileMustExist: true, timeout: 5_000 });
      db.pragma('query_only = ON');
      for (const [name, fn] of Object.entries(sqliteUserFunctions(regexEngine()))) {
        db.function(name, { deterministic: true }, fn as (...args: unknown[]) => unknown);
      }
      this.db = db;
    }
    return this.db;
  }

  async listTables(limit = 1000): Promise<string[]> {
    const rows = await this.runner.query<{ name: string }>(
      `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
        ORDER BY name LIMIT ?`,
      [limit],
    );
    return rows.map((r) => r.name);
  }

  async describeTable(name: TableName): Promise<NativeColumn[] | null> {
    if (name.schema && name.schema !== 'main') return null;
    const rows = await this.runner.query<{ name: string; type: string }>(
      'SELECT name, type FROM pragma_table_info(?) ORDER BY cid',
      [name.table],
    );
    return rows.length ? rows.map((r) => ({ name: r.name, ...mapSqliteType(r.type ?? '') })) : null;
  }

  async defaultSchema(): Promise<string | undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return typeof code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|57P0)/.test(code);
}
