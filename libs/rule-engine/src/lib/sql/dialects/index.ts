import type { SqlDialect } from '../../model';
import type { Dialect } from './dialect';
import { duckdbDialect } from './duckdb';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export type { Dialect, ParamType } from './dialect';
export { duckdbDialect, mysqlDialect, postgresDialect, sqliteDialect };

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
  sqlite: sqliteDialect,
};

/** The SQL primitives of one database. */
export function dialectFor(name: SqlDialect): Dialect {
  const d = DIALECTS[name];
  if (!d) throw new Error(`Unknown SQL dialect: ${String(name)}`);
  return d;
}
