import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

// Any constant works; it only has to be the same in every process of one installation.
const MIGRATION_LOCK_KEY = 774_201_001;

/** Opens the database, creating the SQLite folder or PostgreSQL schema if needed, and runs migrations. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'better-sqlite3' && options.database !== ':memory:') {
    mkdirSync(dirname(options.database), { recursive: true });
  }
  if (options.type === 'postgres' && options.schema) {
    const client = new Client({ connectionString: options.url, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    } finally {
      await client.end();
    }
  }
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    await runMigrations(ds);
  } catch (e) {
    await ds.destroy();
    throw e;
  }
  return ds;
}

/** Several API processes may start at once on PostgreSQL: one migrates, the others wait for it. */
export async function runMigrations(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'postgres') {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await qr.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await qr.release();
  }
}
