import type { ColumnType, ConnectionKind } from '@dqw/shared-types';

/** Everything needed to reach an external database. Stored only encrypted. */
export type ConnectionSpec =
  | {
      kind: 'postgres' | 'mysql';
      host: string;
      port: number;
      database: string;
      user: string;
      password?: string;
      ssl?: boolean;
    }
  | {
      kind: 'sqlite';
      /** Absolute path, already checked to be under the sources folder. */
      path: string;
    };

export interface SourceLimits {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/** A table's column as introspected, mapped to the product's types. */
export interface NativeColumn {
  name: string;
  /** The database's own type name. */
  nativeType: string;
  type: ColumnType;
  /**
   * `text`: a text column, read by the CSV reading rules (trim, null markers, inferred type).
   * `native`: a typed column, read as the database holds it.
   */
  storage: 'text' | 'native';
  /** A type rules can't read (json, bytea, uuid, time…): kept out of the dataset's schema, shown as such. */
  unsupported?: boolean;
}

export interface TableName {
  schema?: string;
  table: string;
}

export const DEFAULT_PORTS: Record<Exclude<ConnectionKind, 'sqlite'>, number> = {
  postgres: 5432,
  mysql: 3306,
};

const native = (type: ColumnType, nativeType: string): Omit<NativeColumn, 'name'> => ({
  type,
  nativeType,
  storage: 'native',
});
const text = (nativeType: string): Omit<NativeColumn, 'name'> => ({
  type: 'string',
  nativeType,
  storage: 'text',
});
const unsupported = (nativeType: string): Omit<NativeColumn, 'name'> => ({
  type: 'string',
  nativeType,
  storage: 'native',
  unsupported: true,
});

/** PostgreSQL `information_schema.columns.data_type` → our type; other types are unsupported. */
export function mapPostgresType(dataType: string): Omit<NativeColumn, 'name'> {
  const t = dataType.toLowerCase();
  if (['smallint', 'integer', 'bigint'].includes(t)) return native('integer', t);
  if (['numeric', 'real', 'double precision'].includes(t)) return native('decimal', t);
  if (t === 'boolean') return native('boolean', t);
  if (t === 'date') return native('date', t);
  if (t.startsWith('timestamp')) return native('timestamp', t);
  if (['text', 'character varying', 'character', 'name'].includes(t)) return text(t);
  return unsupported(t);
}

/** MySQL/MariaDB `DATA_TYPE` and `COLUMN_TYPE` → our type (`tinyint(1)` is MySQL's BOOLEAN). */
export function mapMysqlType(dataType: string, columnType: string): Omit<NativeColumn, 'name'> {
  const t = dataType.toLowerCase();
  const full = columnType.toLowerCase();
  if (t === 'tinyint' && /^tinyint\(1\)/.test(full)) return native('boolean', full);
  if (['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint'].includes(t))
    return native('integer', full);
  if (['decimal', 'numeric', 'float', 'double', 'real'].includes(t)) return native('decimal', full);
  if (t === 'date') return native('date', full);
  if (t === 'datetime' || t === 'timestamp') return native('timestamp', full);
  if (['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set'].includes(t))
    return text(full);
  return unsupported(full);
}

/** SQLite declared type → our type, by SQLite's affinity rules (plus DATE/DATETIME/BOOLEAN names). */
export function mapSqliteType(declared: string): Omit<NativeColumn, 'name'> {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return native('integer', declared);
  if (t.includes('BOOL')) return native('boolean', declared);
  if (t.includes('DATETIME') || t.includes('TIMESTAMP')) return native('timestamp', declared);
  if (t.includes('DATE')) return native('date', declared);
  if (['REAL', 'FLOA', 'DOUB', 'NUMERIC', 'DECIMAL'].some((k) => t.includes(k)))
    return native('decimal', declared);
  if (t.includes('BLOB')) return unsupported(declared);
  return text(declared || 'TEXT');
}
