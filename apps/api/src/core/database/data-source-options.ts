import BetterSqlite3 from 'better-sqlite3';
import * as pg from 'pg';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * One DataSource definition for both databases. The drivers are passed in explicitly (not left to
 * TypeORM's dynamic require) so the webpack bundle and its generated package.json know about them.
 * Schema changes only through MIGRATIONS; `synchronize` stays off.
 */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (config.database.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      driver: BetterSqlite3,
      database: config.database.path,
      enableWAL: true,
      // Other processes (migrate, a second worker) may hold the write lock briefly.
      timeout: 10_000,
      prepareDatabase: (db: BetterSqlite3.Database) => {
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  const schema = config.database.schema;
  return {
    ...common,
    type: 'postgres',
    driver: pg,
    url: config.database.url,
    ...(schema ? { schema, extra: { options: `-c search_path=${schema}` } } : {}),
    poolSize: 10,
    connectTimeoutMS: 10_000,
  };
}
